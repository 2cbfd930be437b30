using System.Security.Cryptography;
using System.Text;
using ImageExport.Core.Storage;

namespace ImageExport.Core.Jobs;

/// <summary>
/// The job each Idempotency-Key produced: <c>idempotency/&lt;sha256 of the key&gt;</c>, created once. The first request
/// to create a key's record owns the job ID in it; every later request with the key is answered from that job.
/// </summary>
internal sealed class IdempotencyKeys(StateStore state, TimeProvider time)
{
    public const int MaxKeyLength = 255;

    /// <summary>Non-empty, at most <see cref="MaxKeyLength"/> characters, no control character.</summary>
    public static bool IsValid(string key) => key.Length is > 0 and <= MaxKeyLength && !key.Any(char.IsControl);

    /// <summary>The record of the claim's key; null while no request with that key has recorded one.</summary>
    public Task<IdempotencyRecord?> FindAsync(IdempotencyClaim claim, CancellationToken cancellationToken) =>
        state.GetAsync(claim.StoreKey, JobStoreJson.Default.IdempotencyRecord, cancellationToken);

    /// <summary>Records that the claim's key produces <paramref name="jobId"/>; false when another request recorded it first.</summary>
    public Task<bool> TryRecordAsync(IdempotencyClaim claim, string jobId, CancellationToken cancellationToken) =>
        state.TryCreateAsync(claim.StoreKey, new IdempotencyRecord(jobId, claim.RequestHash, time.GetUtcNow()), JobStoreJson.Default.IdempotencyRecord, cancellationToken);
}

/// <summary>
/// An Idempotency-Key and the request it came with (<paramref name="Canonical"/>: what identifies "the same request").
/// Only hashes are stored: the key may be anything a client chose, and the request's hash is enough to compare.
/// </summary>
internal sealed record IdempotencyClaim(string Key, string Canonical)
{
    public string StoreKey { get; } = "idempotency/" + Hash(Key);

    public string RequestHash { get; } = Hash(Canonical);

    /// <summary>Whether <paramref name="record"/> was made by a request equal to this one.</summary>
    public bool Matches(IdempotencyRecord record) => record.RequestHash == RequestHash;

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

/// <summary><c>idempotency/&lt;sha256 of the key&gt;</c>: the job a key produced and the hash of the request it was given with.</summary>
internal sealed record IdempotencyRecord(string JobId, string RequestHash, DateTimeOffset CreatedAt);
