namespace ImageExport.Core.Texts;

// Why an image or a bucket cannot be exported. The problem codes (image.windows, …) are for programs and never
// change with the language; these messages are for the person reading the answer.
internal static partial class Catalog
{
    private static readonly CatalogEntry[] ProblemEntries =
    [
        new("problem.image.notFound", "{imageId} does not exist in {region} (or is not visible to this account)", "镜像 {imageId} 在 {region} 中不存在（或当前账号无权查看）", "{imageId} 이미지가 {region}에 없습니다(또는 이 계정에서 볼 수 없습니다)"),
        new("problem.image.public", "{imageId} is a public image; only custom images (PRIVATE_IMAGE) can be exported", "镜像 {imageId} 是公共镜像；只能导出自定义镜像（PRIVATE_IMAGE）", "{imageId}은(는) 공용 이미지입니다. 사용자 정의 이미지(PRIVATE_IMAGE)만 내보낼 수 있습니다"),
        new("problem.image.shared", "{imageId} is a shared image; only custom images (PRIVATE_IMAGE) can be exported", "镜像 {imageId} 是共享镜像；只能导出自定义镜像（PRIVATE_IMAGE）", "{imageId}은(는) 공유 이미지입니다. 사용자 정의 이미지(PRIVATE_IMAGE)만 내보낼 수 있습니다"),
        new("problem.image.otherType", "{imageId} is of type {type}; only custom images (PRIVATE_IMAGE) can be exported", "镜像 {imageId} 的类型为 {type}；只能导出自定义镜像（PRIVATE_IMAGE）", "{imageId}의 유형은 {type}입니다. 사용자 정의 이미지(PRIVATE_IMAGE)만 내보낼 수 있습니다"),
        new("problem.image.notReady", "{imageId} is {state}; it must be NORMAL", "镜像 {imageId} 的状态为 {state}；必须为 NORMAL（正常）", "{imageId}의 상태가 {state}입니다. NORMAL(정상) 상태여야 합니다"),
        new("problem.image.stateUnknown", "{imageId} is in an unknown state; it must be NORMAL", "镜像 {imageId} 的状态未知；必须为 NORMAL（正常）", "{imageId}의 상태를 알 수 없습니다. NORMAL(정상) 상태여야 합니다"),
        new("problem.image.windows", "{imageId} is a Windows image ({os}); Windows custom images cannot be exported", "镜像 {imageId} 是 Windows 镜像（{os}）；Windows 自定义镜像不支持导出", "{imageId}은(는) Windows 이미지입니다({os}). Windows 사용자 정의 이미지는 내보낼 수 없습니다"),
        new("problem.image.diskTooLarge", "{imageId} has a disk over {max} GiB ({disks})", "镜像 {imageId} 有超过 {max} GiB 的磁盘（{disks}）", "{imageId}에 {max}GiB를 넘는 디스크가 있습니다({disks})"),
        new("problem.image.tooManyDataDisks", "{imageId} has {count} data disks; a whole-image export allows at most {max} (export only the system disk with onlyRootDisk)", "镜像 {imageId} 有 {count} 块数据盘；整机镜像导出最多支持 {max} 块（可用 onlyRootDisk 仅导出系统盘）", "{imageId}에 데이터 디스크가 {count}개 있습니다. 전체 이미지 내보내기는 최대 {max}개까지 가능합니다(onlyRootDisk로 시스템 디스크만 내보낼 수 있습니다)"),
        new("problem.bucket.forbidden", "this function may not access bucket {bucket} (COS answered 403 {code})", "本函数无权访问存储桶 {bucket}（COS 返回 403 {code}）", "이 함수는 버킷 {bucket}에 액세스할 권한이 없습니다(COS 응답 403 {code})"),
        new("problem.bucket.notFound", "bucket {bucket} does not exist in {region}", "存储桶 {bucket} 在 {region} 中不存在", "버킷 {bucket}이(가) {region}에 없습니다"),
        new("problem.bucket.regionMismatch", "bucket {bucket} is in {bucketRegion}; images are exported only to a bucket in {region}", "存储桶 {bucket} 位于 {bucketRegion}；镜像只能导出到 {region} 的存储桶", "버킷 {bucket}은(는) {bucketRegion}에 있습니다. 이미지는 {region}의 버킷으로만 내보낼 수 있습니다"),

        new("problem.cvm.bucketPermission", "the exporting role may not write to {bucket}: grant it COS write permission on the bucket", "导出所用的角色无权写入 {bucket}：请为该角色授予此存储桶的 COS 写入权限", "내보내기 역할에 {bucket} 쓰기 권한이 없습니다. 이 역할에 버킷의 COS 쓰기 권한을 부여하세요"),
        new("problem.cvm.roleAuth", "CVM could not assume the exporting role to write {bucket}: check that the role exists and trusts CVM", "CVM 无法使用导出角色写入 {bucket}：请确认该角色存在且信任 CVM", "CVM이 {bucket}에 쓰기 위한 내보내기 역할을 사용할 수 없습니다. 역할이 존재하고 CVM을 신뢰하는지 확인하세요"),
        new("problem.cvm.bucketNotFound", "CVM cannot find bucket {bucket}", "CVM 找不到存储桶 {bucket}", "CVM이 버킷 {bucket}을(를) 찾을 수 없습니다"),
        new("problem.cvm.imageNotFound", "CVM does not know image {imageId}", "CVM 找不到镜像 {imageId}", "CVM이 이미지 {imageId}을(를) 찾을 수 없습니다"),
        new("problem.cvm.windows", "{imageId} is a Windows image; Windows images cannot be exported", "镜像 {imageId} 是 Windows 镜像；Windows 镜像不支持导出", "{imageId}은(는) Windows 이미지입니다. Windows 이미지는 내보낼 수 없습니다"),
        new("problem.cvm.tooLarge", "{imageId} is too large to export", "镜像 {imageId} 太大，无法导出", "{imageId}은(는) 너무 커서 내보낼 수 없습니다"),
        new("problem.cvm.public", "{imageId} is a public or marketplace image; only custom images can be exported", "镜像 {imageId} 是公共镜像或镜像市场镜像；只能导出自定义镜像", "{imageId}은(는) 공용 또는 마켓플레이스 이미지입니다. 사용자 정의 이미지만 내보낼 수 있습니다"),
        new("problem.cvm.shared", "{imageId} is shared with this account; only the owner's custom images can be exported", "镜像 {imageId} 是共享给本账号的镜像；只有镜像所有者才能导出自定义镜像", "{imageId}은(는) 이 계정에 공유된 이미지입니다. 소유자의 사용자 정의 이미지만 내보낼 수 있습니다"),
        new("problem.cvm.marketplace", "{imageId} was created from a marketplace image; such images cannot be exported", "镜像 {imageId} 基于镜像市场镜像创建；此类镜像不支持导出", "{imageId}은(는) 마켓플레이스 이미지로 만든 이미지입니다. 이런 이미지는 내보낼 수 없습니다"),
        new("problem.cvm.encrypted", "{imageId} is encrypted; encrypted images cannot be exported", "镜像 {imageId} 已加密；加密镜像不支持导出", "{imageId}은(는) 암호화되어 있습니다. 암호화된 이미지는 내보낼 수 없습니다"),
        new("problem.cvm.redHat", "{imageId} is a Red Hat image; Red Hat images cannot be exported", "镜像 {imageId} 是 Red Hat 镜像；Red Hat 镜像不支持导出", "{imageId}은(는) Red Hat 이미지입니다. Red Hat 이미지는 내보낼 수 없습니다"),
        new("problem.cvm.osNotSupported", "exporting {imageId}'s operating system is not supported in this region", "本地域不支持导出镜像 {imageId} 的操作系统", "이 리전에서는 {imageId}의 운영 체제를 내보낼 수 없습니다"),
        new("problem.cvm.busy", "{imageId} is busy with another operation (perhaps another export); retry later", "镜像 {imageId} 正在执行其他操作（可能是另一次导出），请稍后重试", "{imageId}이(가) 다른 작업(다른 내보내기일 수 있음)을 수행 중입니다. 나중에 다시 시도하세요"),
        new("problem.cvm.notAllowed", "CVM does not allow exporting {imageId}: {message}", "CVM 不允许导出镜像 {imageId}：{message}", "CVM이 {imageId} 내보내기를 허용하지 않습니다: {message}"),
        new("problem.cvm.refused", "CVM refuses to export {imageId}: {message}", "CVM 拒绝导出镜像 {imageId}：{message}", "CVM이 {imageId} 내보내기를 거부했습니다: {message}"),
    ];
}
