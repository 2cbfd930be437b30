'use strict';
// Error codes for the export guide's rules (ExportImages) and for DescribeImages' Limit. Where Tencent documents
// a code for a rule it is used as is; where it documents none, the closest documented one, as the emulator chose.

module.exports = {
  windows: 'UnsupportedOperation.WindowsImageExportUnsupported',
  publicImage: 'UnsupportedOperation.PublicImageExportUnsupported',
  sharedImage: 'UnsupportedOperation.SharedImageExportUnsupported',
  // A custom image not NORMAL (e.g. CREATING): "镜像被其他操作占用" (busy with another operation) fits best.
  notReady: 'InvalidParameterValue.InvalidImageState',
  // "镜像大小超出限制，不支持导出" (image too large to export): the documented code nearest to "a disk over 500 GiB".
  diskTooLarge: 'UnsupportedOperation.ImageTooLargeExportUnsupported',
  // No documented code for "more than 5 data disks in a whole-image export".
  tooManyDataDisks: 'InvalidParameterValue.LimitExceeded',
  // No documented code for "the bucket is in another region": CVM looks the bucket up in its own region.
  bucketInOtherRegion: 'InvalidParameterValue.BucketNotFound',
  // DescribeImages Limit over 100: one of the two documented "too many values" codes.
  describeLimitOver100: 'InvalidParameterValue.InvalidParameterValueLimit',
  busy: 'InvalidParameterValue.InvalidImageState',
  taskLimit: 'LimitExceeded.ExportImageTaskLimitExceeded',
};
