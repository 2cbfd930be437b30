namespace ImageExport.Core.Texts;

// What a notification says. The fee notes follow Tencent's own billing pages in each language: COS "Billable Items"
// and "Pay-as-you-go" (tencentcloud.com/document/product/436/33776 and /436/32534, English; the Chinese
// 按量计费 page /zh/document/product/436/32534: 存储容量费用, 请求费用, 外网下行流量, 同地域内网访问不产生流量费用).
// The Korean wording follows the same pages' terms; no Korean COS billing page was at hand to check it (local/README.md).
internal static partial class Catalog
{
    private static readonly CatalogEntry[] NotificationEntries =
    [
        new("notify.title.completed", "Image export completed: job {jobId}", "镜像导出完成：任务 {jobId}", "이미지 내보내기 완료: 작업 {jobId}"),
        new("notify.title.failed", "Image export failed: job {jobId}", "镜像导出失败：任务 {jobId}", "이미지 내보내기 실패: 작업 {jobId}"),
        new("notify.title.stalled", "Image export stalled: job {jobId}", "镜像导出停滞：任务 {jobId}", "이미지 내보내기 정체: 작업 {jobId}"),
        new("notify.title.other", "Image export {outcome}: job {jobId}", "镜像导出{outcome}：任务 {jobId}", "이미지 내보내기 {outcome}: 작업 {jobId}"),
        new("notify.title.unknownFile", "An export-shaped file no job knows landed in {bucket}", "存储桶 {bucket} 中出现了一个不属于任何任务的导出文件", "어떤 작업에도 속하지 않는 내보내기 파일이 {bucket}에 생성되었습니다"),

        new("notify.outcome.completed", "completed", "已完成", "완료"),
        new("notify.outcome.failed", "failed", "失败", "실패"),
        new("notify.outcome.stalled", "stalled", "停滞", "정체"),

        new("notify.line.outcome", "Outcome: {outcome}", "结果：{outcome}", "결과: {outcome}"),
        new("notify.line.outcomeReason", "Outcome: {outcome}: {reason}", "结果：{outcome}，原因：{reason}", "결과: {outcome}, 사유: {reason}"),
        new("notify.line.job", "Job: {jobId}", "任务：{jobId}", "작업: {jobId}"),
        new("notify.line.jobNone", "Job: none: an export-shaped file no job knows (exported outside ImageExport, or its job record is gone)", "任务：无。这是一个不属于任何任务的导出文件（在 ImageExport 之外导出，或其任务记录已不存在）", "작업: 없음. 어떤 작업에도 속하지 않는 내보내기 파일입니다(ImageExport 밖에서 내보냈거나 작업 기록이 없어졌습니다)"),
        new("notify.line.region", "Region: {region}", "地域：{region}", "리전: {region}"),
        new("notify.line.bucket", "Bucket: {bucket}", "存储桶：{bucket}", "버킷: {bucket}"),
        new("notify.line.format", "Format: {format}", "格式：{format}", "형식: {format}"),
        new("notify.line.took", "Export took: {duration}", "导出耗时：{duration}", "내보내기 소요 시간: {duration}"),
        new("notify.line.tookUnknown", "Export took: unknown", "导出耗时：未知", "내보내기 소요 시간: 알 수 없음"),
        new("notify.line.started", "Started: {time}", "开始时间：{time}", "시작: {time}"),
        new("notify.line.finished", "Finished: {time}", "结束时间：{time}", "종료: {time}"),
        new("notify.line.files", "Files: {count}, {size} in total", "文件：{count} 个，共 {size}", "파일: {count}개, 총 {size}"),
        new("notify.line.filesNone", "Files: none", "文件：无", "파일: 없음"),
        new("notify.line.stalledSince", "No progress since {time}", "自 {time} 起没有进展", "{time} 이후 진행 없음"),

        new("notify.image.header", "Image {imageId}", "镜像 {imageId}", "이미지 {imageId}"),
        new("notify.image.unknownHeader", "Files no job knows", "不属于任何任务的文件", "어떤 작업에도 속하지 않는 파일"),
        new("notify.image.state", "{header}: {state}", "{header}：{state}", "{header}: {state}"),
        new("notify.image.reason", "Reason: {reason}", "原因：{reason}", "사유: {reason}"),
        new("notify.image.noFile", "No file.", "没有文件。", "파일이 없습니다."),

        new("notify.file.download", "download", "下载", "다운로드"),
        new("notify.file.noLink", "{key}: {size}, no download link", "{key}：{size}，无下载链接", "{key}: {size}, 다운로드 링크 없음"),
        new("notify.file.linkValid", "{key}: {size}, {link}, link valid until {time}", "{key}：{size}，{link}，链接有效期至 {time}", "{key}: {size}, {link}, 링크 유효 기한 {time}"),
        new("notify.file.linkExpired", "{key}: {size}, {link}, link expired at {time}", "{key}：{size}，{link}，链接已于 {time} 失效", "{key}: {size}, {link}, 링크가 {time}에 만료됨"),
        new("notify.file.linkUnknown", "{key}: {size}, {link}, link expiry unknown", "{key}：{size}，{link}，链接有效期未知", "{key}: {size}, {link}, 링크 만료 시각 알 수 없음"),

        new("notify.fees.heading", "Fees (Tencent COS)", "费用（腾讯云对象存储 COS）", "요금(Tencent Cloud COS)"),
        new("notify.fees.storage",
            "COS storage is billed by size and storage class: {size} stored as {storageClass}.",
            "存储容量费用：根据存储容量的大小进行计算，不同存储类型的单价不同。本次导出共 {size}，存储类型为 {storageClass}。",
            "스토리지 용량 요금: 저장 용량과 스토리지 유형에 따라 과금됩니다. 이번 내보내기는 {size}이며 {storageClass} 유형으로 저장됩니다."),
        new("notify.fees.monthly",
            "Monthly storage cost: {gb} GB × {price} {currency} per GB-month ≈ {cost} {currency} per month (1 GB counted as 2^30 bytes; delete the files to stop it).",
            "每月存储容量费用：{gb} GB × {price} {currency}/GB/月 ≈ 每月 {cost} {currency}（按 1 GB = 2^30 字节计；删除文件即不再计费）。",
            "월 스토리지 용량 요금: {gb}GB × {price} {currency}/GB/월 ≈ 월 {cost} {currency}(1GB = 2^30바이트 기준, 파일을 삭제하면 더 이상 과금되지 않습니다)."),
        new("notify.fees.requests",
            "Write requests are billed: the export's uploads into the bucket are COS write requests.",
            "请求费用：根据请求次数进行计算，导出写入存储桶的上传属于 COS 写请求。",
            "요청 요금: 요청 수에 따라 과금되며, 내보내기가 버킷에 업로드하는 작업은 COS 쓰기 요청입니다."),
        new("notify.fees.publicTraffic",
            "Downloading over the public network is billed (COS public network downstream traffic).",
            "流量费用：通过外网从 COS 下载文件会产生外网下行流量费用。",
            "트래픽 요금: 공용 네트워크로 COS에서 다운로드하면 공용 네트워크 다운스트림 트래픽 요금이 발생합니다."),
        new("notify.fees.privateTraffic",
            "Downloading over the private network from the same region ({region}) is free.",
            "同地域（{region}）的腾讯云产品默认通过内网访问 COS，内网下载不产生流量费用。",
            "같은 리전({region})의 Tencent Cloud 제품은 기본적으로 사설 네트워크로 COS에 액세스하며, 사설 네트워크 다운로드에는 트래픽 요금이 발생하지 않습니다."),

        new("notify.cut.job", "… message cut to fit {receiver}'s {limit}-byte limit; GET /exports/{jobId} lists every file.", "… 消息超过 {receiver} 的 {limit} 字节上限，已截断；GET /exports/{jobId} 可查看全部文件。", "… 메시지가 {receiver}의 {limit}바이트 제한을 넘어 잘렸습니다. GET /exports/{jobId}에서 모든 파일을 볼 수 있습니다."),
        new("notify.cut.bucket", "… message cut to fit {receiver}'s {limit}-byte limit; the bucket lists every file.", "… 消息超过 {receiver} 的 {limit} 字节上限，已截断；存储桶中可查看全部文件。", "… 메시지가 {receiver}의 {limit}바이트 제한을 넘어 잘렸습니다. 버킷에서 모든 파일을 볼 수 있습니다."),
        new("notify.cut.slackJob", "… message cut to fit Slack's message limit; GET /exports/{jobId} lists every file.", "… 消息超过 Slack 的消息长度上限，已截断；GET /exports/{jobId} 可查看全部文件。", "… 메시지가 Slack 메시지 길이 제한을 넘어 잘렸습니다. GET /exports/{jobId}에서 모든 파일을 볼 수 있습니다."),
        new("notify.cut.slackBucket", "… message cut to fit Slack's message limit; the bucket lists every file.", "… 消息超过 Slack 的消息长度上限，已截断；存储桶中可查看全部文件。", "… 메시지가 Slack 메시지 길이 제한을 넘어 잘렸습니다. 버킷에서 모든 파일을 볼 수 있습니다."),
        new("notify.cut.section", "… cut to fit Slack's section limit.", "… 超过 Slack 的区块长度上限，已截断。", "… Slack 섹션 길이 제한에 맞춰 잘렸습니다."),

        new("notify.email.jobNone", "none (an export-shaped file no job knows)", "无（不属于任何任务的导出文件）", "없음(어떤 작업에도 속하지 않는 내보내기 파일)"),
        new("notify.email.unknown", "unknown", "未知", "알 수 없음"),
    ];
}
