using ImageExport.Local.Stack.Serverless;

namespace ImageExport.Local.Stack.Triggers;

/// <summary>
/// Tencent's COS trigger document (COS 触发器说明, cloud.tencent.com/document/product/583/9707): "同一 Bucket 无法使用重叠前缀、
/// 重叠后缀或前缀和后缀的重叠组合为相同的事件类型定义筛选规则"; its example: once an unfiltered <c>cos:ObjectCreated:*</c>
/// trigger is bound, no other upload trigger can be bound on that bucket. The
/// document gives no exact definition, so the strict reading is enforced here: two triggers on one bucket whose event
/// types overlap conflict when their prefixes overlap (one starts the other, the empty prefix starts every one) or
/// their suffixes overlap (one ends the other). A layout that passes here is deployable under any reading.
/// </summary>
internal static class CosTriggerOverlap
{
    /// <exception cref="FormatException">Two triggers overlap; the message names both and says why.</exception>
    public static void ThrowIfAny(IReadOnlyList<CosTriggerSpec> triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        for (var i = 0; i < triggers.Count; i++)
        {
            for (var j = i + 1; j < triggers.Count; j++)
            {
                if (Conflict(triggers[i], triggers[j]) is { } reason)
                {
                    throw new FormatException(
                        $"COS triggers '{triggers[i].Name}' and '{triggers[j].Name}' on bucket {triggers[i].BucketDomain} overlap ({reason}): " +
                        "Tencent refuses overlapping prefix/suffix rules for the same event type on one bucket. " +
                        "Use one unfiltered 'cos:ObjectCreated:*' trigger per bucket (see README, \"COS triggers\")");
                }
            }
        }
    }

    /// <summary>Why the two triggers overlap, or <c>null</c> when they may live side by side.</summary>
    public static string? Conflict(CosTriggerSpec a, CosTriggerSpec b)
    {
        if (!string.Equals(a.BucketDomain.Trim(), b.BucketDomain.Trim(), StringComparison.OrdinalIgnoreCase) || !EventsOverlap(a.Events, b.Events))
        {
            return null;
        }

        if (a.Prefix.StartsWith(b.Prefix, StringComparison.Ordinal) || b.Prefix.StartsWith(a.Prefix, StringComparison.Ordinal))
        {
            return a.Prefix.Length == 0 && b.Prefix.Length == 0 ? "both have the empty prefix" : $"prefixes '{a.Prefix}' and '{b.Prefix}'";
        }

        if (a.Suffix.EndsWith(b.Suffix, StringComparison.Ordinal) || b.Suffix.EndsWith(a.Suffix, StringComparison.Ordinal))
        {
            return a.Suffix.Length == 0 && b.Suffix.Length == 0 ? "both have the empty suffix" : $"suffixes '{a.Suffix}' and '{b.Suffix}'";
        }

        return null;
    }

    // cos:ObjectCreated:* covers every cos:ObjectCreated:… operation; two concrete operations overlap only when equal.
    private static bool EventsOverlap(string a, string b)
    {
        a = a.Trim();
        b = b.Trim();
        return string.Equals(a, b, StringComparison.Ordinal)
            || (a.EndsWith('*') && b.StartsWith(a[..^1], StringComparison.Ordinal))
            || (b.EndsWith('*') && a.StartsWith(b[..^1], StringComparison.Ordinal));
    }
}
