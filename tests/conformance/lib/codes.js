'use strict';
// ExportImages error codes for the export guide's rules. Where Tencent documents a code for the rule it
// is used as is; where it documents none, the closest documented one (see the README's list of guesses).

module.exports = {
  windows: 'UnsupportedOperation.WindowsImageExportUnsupported',
  publicImage: 'UnsupportedOperation.PublicImageExportUnsupported',
  // "镜像大小超出限制，不支持导出" (image too large to export): the documented code nearest to "a disk over 500 GiB".
  diskTooLarge: 'UnsupportedOperation.ImageTooLargeExportUnsupported',
  // No documented code for "more than 5 data disks in a whole-image export".
  tooManyDataDisks: 'InvalidParameterValue.LimitExceeded',
  // No documented code for "the bucket is in another region": CVM looks the bucket up in its own region.
  bucketInOtherRegion: 'InvalidParameterValue.BucketNotFound',
  busy: 'InvalidParameterValue.InvalidImageState',
  taskLimit: 'LimitExceeded.ExportImageTaskLimitExceeded',
};
