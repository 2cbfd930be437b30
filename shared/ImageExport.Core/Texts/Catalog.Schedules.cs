namespace ImageExport.Core.Texts;

// What a schedule's run says: what it started and refused, and what its retention deleted (Schedules/).
internal static partial class Catalog
{
    private static readonly CatalogEntry[] ScheduleEntries =
    [
        new("notify.title.runNotStarted", "Scheduled export {schedule}: nothing started", "定时导出 {schedule}：未启动任何导出", "예약 내보내기 {schedule}: 시작된 내보내기 없음"),
        new("notify.line.jobNotStarted", "Job: none started", "任务：未创建", "작업: 시작되지 않음"),
        new("notify.run.heading", "Schedule {schedule}, run of {slot}", "定时导出 {schedule}，{slot} 的运行", "예약 {schedule}, {slot} 실행"),
        new("notify.run.headingNoSlot", "Schedule {schedule}", "定时导出 {schedule}", "예약 {schedule}"),
        new("notify.run.started", "Started: {images}", "已启动：{images}", "시작됨: {images}"),
        new("notify.run.startedNone", "Started: none", "已启动：无", "시작됨: 없음"),
        new("notify.run.refused", "Not exported: {imageId}: {reason}", "未导出：{imageId}：{reason}", "내보내지 않음: {imageId}: {reason}"),
        new("notify.run.refusedRun", "Not started: {reason}", "未启动：{reason}", "시작하지 않음: {reason}"),
        new("notify.run.deleted", "Retention deleted {count} file(s) of older runs, freeing {size}", "保留策略删除了较早运行的 {count} 个文件，释放 {size}", "보존 정책이 이전 실행의 파일 {count}개를 삭제하여 {size}를 확보했습니다"),
        new("notify.run.wouldDelete", "Retention (dry run) would delete {count} file(s) of older runs, {size}; nothing was deleted", "保留策略（试运行）将删除较早运行的 {count} 个文件，共 {size}；未删除任何文件", "보존 정책(시험 실행)은 이전 실행의 파일 {count}개({size})를 삭제할 것입니다. 아무것도 삭제하지 않았습니다"),
        new("notify.run.deletedFile", "{key} ({size}) of job {jobId}", "任务 {jobId} 的 {key}（{size}）", "작업 {jobId}의 {key} ({size})"),
        new("notify.run.saved", "Storage cost saved: {cost} {currency} a month ({gb} GB × {price} {currency}/GB-month)", "节省存储费用：每月 {cost} {currency}（{gb} GB × {price} {currency}/GB/月）", "절감된 스토리지 비용: 월 {cost} {currency} ({gb} GB × {price} {currency}/GB·월)"),
        new("notify.run.deleteRefused", "Retention was refused permission to delete {count} file(s) ({size}); they were left in place ({code}). The role needs cos:DeleteObject on the bucket.", "保留策略无权删除 {count} 个文件（{size}），这些文件保持不变（{code}）。角色需要该存储桶的 cos:DeleteObject 权限。", "보존 정책에 파일 {count}개({size})를 삭제할 권한이 없어 그대로 두었습니다({code}). 역할에 버킷의 cos:DeleteObject 권한이 필요합니다."),
        new("notify.run.nothingDeleted", "Retention: nothing to delete", "保留策略：没有需要删除的文件", "보존 정책: 삭제할 파일 없음"),
        new("problem.schedule.tooManyImages", "{imageId} was left out: a run exports at most {max} images (the first {max} by ID)", "镜像 {imageId} 未包含在本次运行中：每次运行最多导出 {max} 个镜像（按 ID 排序的前 {max} 个）", "{imageId}은(는) 제외되었습니다: 한 번의 실행은 최대 {max}개 이미지를 내보냅니다(ID 순으로 처음 {max}개)"),
        new("field.schedule", "must be a schedule name: a letter, then letters, digits, '_' or '-', at most 60 characters", "必须是定时导出名称：以字母开头，由字母、数字、“_”或“-”组成，最多 60 个字符", "예약 이름이어야 합니다: 문자로 시작하고 문자, 숫자, '_' 또는 '-'로 된 최대 60자"),
    ];
}
