using System.Text.Json.Nodes;

namespace ImageExport.Local;

/// <summary>
/// The images the local stack offers when no <c>--images</c> file is given: one for each rule. Three carry the tag
/// <c>backup=weekly</c> (two that export and the Windows one), so a schedule choosing images by tag
/// (<c>{"tags":{"backup":"weekly"}}</c>) exports two and reports one refusal.
/// </summary>
internal static class DemoCatalog
{
    /// <summary>Image ID → what a newcomer can try with it.</summary>
    public static IReadOnlyList<(string ImageId, string Shows)> Descriptions { get; } =
    [
        ("img-demolnx1", "Linux, 20 GiB system + 10 GiB data disk: exports; tagged backup=weekly"),
        ("img-demolnx2", "Linux, 30 GiB system disk: exports; tagged backup=weekly"),
        ("img-demowin1", "Windows: refused (image.windows); tagged backup=weekly, so a weekly schedule reports it"),
        ("img-demobig1", "a 600 GiB data disk: refused (image.diskTooLarge)"),
        ("img-demo6dsk", "6 data disks: refused (image.tooManyDataDisks) unless onlyRootDisk"),
        ("img-demopub1", "a public image: refused (image.notCustom)"),
        ("img-demonew1", "still CREATING: refused (image.notReady)"),
        ("img-demoxss1", "a name that tries HTML injection: exports; the console must show the name as text"),
    ];

    public static JsonArray Images() => JsonNode.Parse(Json)!.AsArray();

    private const string Json = """
        [
          {
            "ImageId": "img-demolnx1", "ImageName": "web-server-2026", "ImageDescription": "nginx on CentOS, with a data disk",
            "OsName": "CentOS 7.9 64位", "Platform": "CentOS", "Architecture": "x86_64",
            "ImageType": "PRIVATE_IMAGE", "ImageState": "NORMAL", "ImageSource": "CREATE_IMAGE", "ImageCreator": "100000000001",
            "CreatedTime": "2026-09-01T08:00:00Z", "ImageSize": 20, "SyncPercent": 100, "IsSupportCloudinit": true,
            "LicenseType": "TencentCloud", "ImageFamily": "", "ImageDeprecated": false,
            "SnapshotSet": [
              { "SnapshotId": "snap-demosys1", "DiskUsage": "SYSTEM_DISK", "DiskSize": 20 },
              { "SnapshotId": "snap-demodat1", "DiskUsage": "DATA_DISK", "DiskSize": 10 }
            ],
            "Tags": [ { "Key": "team", "Value": "web" }, { "Key": "backup", "Value": "weekly" } ]
          },
          {
            "ImageId": "img-demolnx2", "ImageName": "build-agent-ubuntu", "ImageDescription": "CI build agent",
            "OsName": "Ubuntu Server 22.04 LTS 64位", "Platform": "Ubuntu", "Architecture": "x86_64",
            "ImageType": "PRIVATE_IMAGE", "ImageState": "NORMAL", "ImageSource": "CREATE_IMAGE", "ImageCreator": "100000000001",
            "CreatedTime": "2026-10-12T02:30:00Z", "ImageSize": 30, "SyncPercent": 100, "IsSupportCloudinit": true,
            "LicenseType": "TencentCloud", "ImageFamily": "", "ImageDeprecated": false,
            "SnapshotSet": [ { "SnapshotId": "snap-demosys2", "DiskUsage": "SYSTEM_DISK", "DiskSize": 30 } ],
            "Tags": [ { "Key": "team", "Value": "ci" }, { "Key": "backup", "Value": "weekly" } ]
          },
          {
            "ImageId": "img-demowin1", "ImageName": "sql-server-windows", "ImageDescription": "Windows Server with SQL Server",
            "OsName": "Windows Server 2019 数据中心版 64位中文版", "Platform": "Windows", "Architecture": "x86_64",
            "ImageType": "PRIVATE_IMAGE", "ImageState": "NORMAL", "ImageSource": "CREATE_IMAGE", "ImageCreator": "100000000001",
            "CreatedTime": "2026-08-20T10:00:00Z", "ImageSize": 50, "SyncPercent": 100, "IsSupportCloudinit": true,
            "LicenseType": "TencentCloud", "ImageFamily": "", "ImageDeprecated": false,
            "SnapshotSet": [ { "SnapshotId": "snap-demowin1", "DiskUsage": "SYSTEM_DISK", "DiskSize": 50 } ],
            "Tags": [ { "Key": "backup", "Value": "weekly" } ]
          },
          {
            "ImageId": "img-demobig1", "ImageName": "analytics-warehouse", "ImageDescription": "a data disk over 500 GiB",
            "OsName": "TencentOS Server 3.1 (TK4)", "Platform": "TencentOS", "Architecture": "x86_64",
            "ImageType": "PRIVATE_IMAGE", "ImageState": "NORMAL", "ImageSource": "CREATE_IMAGE", "ImageCreator": "100000000001",
            "CreatedTime": "2026-07-03T12:00:00Z", "ImageSize": 50, "SyncPercent": 100, "IsSupportCloudinit": true,
            "LicenseType": "TencentCloud", "ImageFamily": "", "ImageDeprecated": false,
            "SnapshotSet": [
              { "SnapshotId": "snap-demobig0", "DiskUsage": "SYSTEM_DISK", "DiskSize": 50 },
              { "SnapshotId": "snap-demobig1", "DiskUsage": "DATA_DISK", "DiskSize": 600 }
            ],
            "Tags": []
          },
          {
            "ImageId": "img-demo6dsk", "ImageName": "storage-node-6-disks", "ImageDescription": "six data disks",
            "OsName": "Debian 12.0 64位", "Platform": "Debian", "Architecture": "x86_64",
            "ImageType": "PRIVATE_IMAGE", "ImageState": "NORMAL", "ImageSource": "CREATE_IMAGE", "ImageCreator": "100000000001",
            "CreatedTime": "2026-06-15T06:00:00Z", "ImageSize": 20, "SyncPercent": 100, "IsSupportCloudinit": true,
            "LicenseType": "TencentCloud", "ImageFamily": "", "ImageDeprecated": false,
            "SnapshotSet": [
              { "SnapshotId": "snap-demo6ds0", "DiskUsage": "SYSTEM_DISK", "DiskSize": 20 },
              { "SnapshotId": "snap-demo6ds1", "DiskUsage": "DATA_DISK", "DiskSize": 10 },
              { "SnapshotId": "snap-demo6ds2", "DiskUsage": "DATA_DISK", "DiskSize": 10 },
              { "SnapshotId": "snap-demo6ds3", "DiskUsage": "DATA_DISK", "DiskSize": 10 },
              { "SnapshotId": "snap-demo6ds4", "DiskUsage": "DATA_DISK", "DiskSize": 10 },
              { "SnapshotId": "snap-demo6ds5", "DiskUsage": "DATA_DISK", "DiskSize": 10 },
              { "SnapshotId": "snap-demo6ds6", "DiskUsage": "DATA_DISK", "DiskSize": 10 }
            ],
            "Tags": []
          },
          {
            "ImageId": "img-demopub1", "ImageName": "TencentOS Server 3.1 (TK4)", "ImageDescription": "a public image",
            "OsName": "TencentOS Server 3.1 (TK4)", "Platform": "TencentOS", "Architecture": "x86_64",
            "ImageType": "PUBLIC_IMAGE", "ImageState": "NORMAL", "ImageSource": "OFFICIAL", "ImageCreator": "",
            "CreatedTime": "2026-01-10T00:00:00Z", "ImageSize": 20, "SyncPercent": 100, "IsSupportCloudinit": true,
            "LicenseType": "TencentCloud", "ImageFamily": "", "ImageDeprecated": false,
            "SnapshotSet": [ { "SnapshotId": "snap-demopub1", "DiskUsage": "SYSTEM_DISK", "DiskSize": 20 } ],
            "Tags": []
          },
          {
            "ImageId": "img-demonew1", "ImageName": "fresh-image-creating", "ImageDescription": "still being created",
            "OsName": "Rocky Linux 9.2 64位", "Platform": "Rocky Linux", "Architecture": "x86_64",
            "ImageType": "PRIVATE_IMAGE", "ImageState": "CREATING", "ImageSource": "CREATE_IMAGE", "ImageCreator": "100000000001",
            "CreatedTime": "2026-11-25T23:50:00Z", "ImageSize": 20, "SyncPercent": 40, "IsSupportCloudinit": true,
            "LicenseType": "TencentCloud", "ImageFamily": "", "ImageDeprecated": false,
            "SnapshotSet": [ { "SnapshotId": "snap-demonew1", "DiskUsage": "SYSTEM_DISK", "DiskSize": 20 } ],
            "Tags": []
          },
          {
            "ImageId": "img-demoxss1", "ImageName": "<img src=x onerror=alert(document.domain)>", "ImageDescription": "a name a browser must not run",
            "OsName": "Debian 12.0 64位", "Platform": "Debian", "Architecture": "x86_64",
            "ImageType": "PRIVATE_IMAGE", "ImageState": "NORMAL", "ImageSource": "CREATE_IMAGE", "ImageCreator": "100000000001",
            "CreatedTime": "2026-11-20T09:00:00Z", "ImageSize": 10, "SyncPercent": 100, "IsSupportCloudinit": true,
            "LicenseType": "TencentCloud", "ImageFamily": "", "ImageDeprecated": false,
            "SnapshotSet": [ { "SnapshotId": "snap-demoxss1", "DiskUsage": "SYSTEM_DISK", "DiskSize": 10 } ],
            "Tags": []
          }
        ]
        """;
}
