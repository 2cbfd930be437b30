namespace ImageExport.Core.Texts;

// Why an export waits, stalls or fails. Job records store these in English (a record outlives a deployment's
// language setting); notifications label them in the reader's language.
internal static partial class Catalog
{
    private static readonly CatalogEntry[] ReasonEntries =
    [
        new("reason.timedOut",
            "timed out after {elapsed} (the limit for {sizeGiB} GiB is {limit}); {landed} of {total} file(s) landed",
            "导出超时：已用 {elapsed}（{sizeGiB} GiB 的时限为 {limit}）；{total} 个文件中已写入 {landed} 个",
            "시간 초과: {elapsed} 경과({sizeGiB}GiB의 제한 시간은 {limit}), 파일 {total}개 중 {landed}개 생성됨"),
        new("reason.timedOutUnknownStart",
            "timed out after {elapsed} (the limit for {sizeGiB} GiB is {limit}); {landed} of {total} file(s) landed; whether CVM ever started the export is unknown",
            "导出超时：已用 {elapsed}（{sizeGiB} GiB 的时限为 {limit}）；{total} 个文件中已写入 {landed} 个；无法确定 CVM 是否曾开始导出",
            "시간 초과: {elapsed} 경과({sizeGiB}GiB의 제한 시간은 {limit}), 파일 {total}개 중 {landed}개 생성됨. CVM이 내보내기를 시작했는지 알 수 없습니다"),
        new("reason.stalled", "no progress for {duration}", "已有 {duration} 没有进展", "{duration} 동안 진행 없음"),
        new("reason.limitReached", "Tencent's limit of running export tasks is reached", "已达到腾讯云同时运行的导出任务数上限", "Tencent Cloud의 동시 실행 내보내기 작업 한도에 도달했습니다"),
        new("reason.throttled", "CVM throttled ExportImages (RequestLimitExceeded); retried at the next poll", "CVM 对 ExportImages 限频（RequestLimitExceeded），将在下次轮询时重试", "CVM이 ExportImages 요청을 제한했습니다(RequestLimitExceeded). 다음 폴링 때 다시 시도합니다"),
        new("reason.waitingForSlot", "waiting for a free export slot ({running} running, at most {max} at once)", "正在等待空闲的导出名额（运行中 {running} 个，最多同时 {max} 个）", "빈 내보내기 슬롯을 기다리는 중(실행 중 {running}개, 동시 최대 {max}개)"),
        new("reason.cvmRejected", "{problem} ({code})", "{problem}（{code}）", "{problem}({code})"),
        new("reason.exportFailed", "ExportImages failed: {code}: {message}", "ExportImages 调用失败：{code}：{message}", "ExportImages 실패: {code}: {message}"),
        new("reason.resubmissionRefused", "resubmission refused: {code}", "重新提交被拒绝：{code}", "재제출 거부됨: {code}"),
        new("reason.interrupted", "call interrupted: {error}", "调用中断：{error}", "호출 중단됨: {error}"),
        new("reason.filesAppearing", "its files are appearing", "导出文件正在出现", "내보내기 파일이 생성되고 있습니다"),
        new("reason.cvmReportsState", "CVM reports the image {state}", "CVM 报告镜像状态为 {state}", "CVM이 이미지 상태를 {state}(으)로 보고합니다"),
        new("reason.cvmReportsBusy", "CVM reports the image busy", "CVM 报告镜像正忙", "CVM이 이미지가 사용 중이라고 보고합니다"),
        new("reason.imageFailed", "{imageId}: {reason}", "{imageId}：{reason}", "{imageId}: {reason}"),
        new("reason.failed", "failed", "失败", "실패"),
    ];
}
