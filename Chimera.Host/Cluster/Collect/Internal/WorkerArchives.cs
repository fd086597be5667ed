using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Security.Cryptography;

namespace Chimera.Cluster.Collect;

/// <summary>
/// A worker's side of collect: packs its folder of a run (<c>logdir/&lt;run folder&gt;/&lt;worker&gt;/</c>) into a tar
/// beside it once, hands it out chunk by chunk with each chunk's SHA-256, and deletes it when the manager has it.
/// </summary>
/// <remarks>
/// The archive is built once per run and reused by every retry, so a resumed transfer reads the same bytes. The
/// worker's recorded files themselves are kept: the manager decides when a run is safe to delete.
/// </remarks>
internal sealed class WorkerArchives(string worker, string logDirectory)
{
    /// <summary>The largest chunk one request may ask for (8 MiB), so a request cannot make the worker buffer a whole video.</summary>
    public const int MaxChunk = 8 * 1024 * 1024;

    /// <summary>The header carrying a chunk's SHA-256 (lowercase hex).</summary>
    public const string ChunkHashHeader = "X-Chimera-Sha256";

    /// <summary>Archives being built or built, by run id.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<Prepared>>> _prepared = new(StringComparer.Ordinal);

    /// <summary>
    /// Describes this worker's folder of <paramref name="runId"/>; with <paramref name="pack"/>, also packs it (once) so
    /// it can be pulled. A worker that recorded nothing answers with an empty manifest.
    /// </summary>
    /// <exception cref="ArgumentException">The run id is not one.</exception>
    public async Task<ArchiveManifest> PrepareAsync(string runId, bool pack, CancellationToken cancellationToken)
    {
        CheckRunId(runId);
        var folder = FindWorkerFolder(runId);
        var host = System.Net.Dns.GetHostName();
        if (folder is null)
        {
            return new ArchiveManifest(runId, worker, host, Path.Combine(logDirectory, $"*-{runId}", worker), 0, string.Empty, 0);
        }

        if (!pack)
        {
            return new ArchiveManifest(runId, worker, host, folder, 0, string.Empty, Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length);
        }

        var lazy = _prepared.GetOrAdd(runId, _ => new Lazy<Task<Prepared>>(() => PackAsync(runId, folder, cancellationToken)));
        try
        {
            var prepared = await lazy.Value.ConfigureAwait(false);
            if (!File.Exists(prepared.Path))
            {
                _prepared.TryRemove(new(runId, lazy));
                return await PrepareAsync(runId, pack, cancellationToken).ConfigureAwait(false);
            }

            return prepared.Manifest;
        }
        catch
        {
            _prepared.TryRemove(new(runId, lazy));
            throw;
        }
    }

    /// <summary>Reads <paramref name="length"/> bytes of the run's archive from <paramref name="offset"/>, with their SHA-256.</summary>
    /// <exception cref="InvalidOperationException">The archive was not prepared.</exception>
    /// <exception cref="ArgumentException">The range is outside the archive or longer than <see cref="MaxChunk"/>.</exception>
    public async Task<(byte[] Bytes, string Sha256)> ReadAsync(string runId, long offset, int length, CancellationToken cancellationToken)
    {
        CheckRunId(runId);
        if (!_prepared.TryGetValue(runId, out var lazy) || !lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException($"Worker '{worker}' has no archive of run {runId} ready; POST /api/collect/{runId} first.");
        }

        var prepared = lazy.Value.Result;
        if (offset < 0 || length <= 0 || length > MaxChunk || offset + length > prepared.Manifest.Length)
        {
            throw new ArgumentException($"Worker '{worker}': range {offset}+{length} is outside the archive of run {runId} ({prepared.Manifest.Length} bytes) or longer than {MaxChunk} bytes.");
        }

        var buffer = new byte[length];
        await using var file = new FileStream(prepared.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        file.Seek(offset, SeekOrigin.Begin);
        await file.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return (buffer, Convert.ToHexStringLower(SHA256.HashData(buffer)));
    }

    /// <summary>Deletes the run's archive (the manager has it); the recorded files stay.</summary>
    public void Release(string runId)
    {
        CheckRunId(runId);
        if (_prepared.TryRemove(runId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            File.Delete(lazy.Value.Result.Path);
        }
    }

    /// <summary>Run ids are blueprint ids: letters, digits, '-' and '_' only, so they cannot walk out of the log directory.</summary>
    private void CheckRunId(string runId)
    {
        if (string.IsNullOrEmpty(runId) || runId.Length > 64 || !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Worker '{worker}': '{runId}' is not a run id.", nameof(runId));
        }
    }

    /// <summary>This worker's folder of the run (<c>logdir/*-runid/worker</c>), or null when it recorded nothing.</summary>
    private string? FindWorkerFolder(string runId)
    {
        if (!Directory.Exists(logDirectory))
        {
            return null;
        }

        return Directory.GetDirectories(logDirectory, "*-" + runId)
            .Select(run => Path.Combine(run, worker))
            .FirstOrDefault(Directory.Exists);
    }

    /// <summary>Packs the folder into <c>runFolder/.collect-worker.tar</c> (written under a temporary name, then renamed) and hashes it.</summary>
    private async Task<Prepared> PackAsync(string runId, string folder, CancellationToken cancellationToken)
    {
        var runFolder = Path.GetDirectoryName(folder)!;
        var path = Path.Combine(runFolder, $".collect-{worker}.tar");
        var temporary = path + ".tmp";
        await using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await TarFile.CreateFromDirectoryAsync(folder, output, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
        string sha;
        await using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(input, cancellationToken).ConfigureAwait(false));
        }

        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length;
        return new Prepared(path, new ArchiveManifest(runId, worker, System.Net.Dns.GetHostName(), folder, new FileInfo(path).Length, sha, files));
    }

    /// <summary>A built archive.</summary>
    private sealed record Prepared(string Path, ArchiveManifest Manifest);
}
