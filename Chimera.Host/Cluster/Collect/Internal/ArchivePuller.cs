using System.Security.Cryptography;
using Chimera.Cluster.Http;

namespace Chimera.Cluster.Collect;

/// <summary>
/// Pulls one remote worker's archive of a run into the manager's run folder: chunk by chunk into
/// <c>.incoming-worker.tar</c> (each chunk's SHA-256 checked on arrival; a retry resumes at the first missing byte),
/// then the whole archive's SHA-256, then unpacking into <c>.worker.partial/</c> and one rename to <c>worker/</c>.
/// </summary>
internal sealed class ArchivePuller
{
    private readonly ControlClient _client;
    private readonly string _runId;
    private readonly string _worker;
    private readonly string _runFolder;
    private readonly CollectSettings _settings;
    private readonly Action<CollectProgress> _report;

    /// <summary>Creates the puller of <paramref name="worker"/>'s part of <paramref name="runId"/>.</summary>
    public ArchivePuller(ControlClient client, string runId, string worker, string runFolder, CollectSettings settings, Action<CollectProgress> report)
    {
        _client = client;
        _runId = runId;
        _worker = worker;
        _runFolder = runFolder;
        _settings = settings;
        _report = report;
    }

    private string Incoming => Path.Combine(_runFolder, $".incoming-{_worker}.tar");

    private string Final => Path.Combine(_runFolder, _worker);

    /// <summary>Asks the worker where its folder is without packing it (for a same-host move).</summary>
    public Task<ArchiveManifest> DescribeAsync(CancellationToken cancellationToken) =>
        _client.SendAsync<ArchiveManifest>(HttpMethod.Post, $"api/collect/{_runId}?pack=false", null, cancellationToken);

    /// <summary>Transfers, verifies and publishes the worker's files, retrying up to <see cref="CollectSettings.Attempts"/> times.</summary>
    /// <exception cref="IOException">Every attempt failed; the message names the worker, the run, the folder and the last reason.</exception>
    public async Task<CollectedWorker> PullAsync(CancellationToken cancellationToken)
    {
        var partial = RunFolderPublisher.PartialOf(_runFolder, _worker);
        RunFolderPublisher.TryDelete(Incoming);
        RunFolderPublisher.TryDelete(partial);
        ArchiveManifest? manifest = null;
        Exception? last = null;
        for (var attempt = 1; attempt <= _settings.Attempts; attempt++)
        {
            try
            {
                if (manifest is null)
                {
                    Report(CollectStage.Preparing, 0, 0, attempt, $"Worker '{_worker}' is packing its files of run {_runId}.");
                    manifest = await _client.SendAsync<ArchiveManifest>(HttpMethod.Post, $"api/collect/{_runId}", null, cancellationToken).ConfigureAwait(false);
                }

                if (manifest.Length == 0)
                {
                    Report(CollectStage.Completed, 0, 0, attempt, $"Worker '{_worker}' recorded nothing in run {_runId}.");
                    return new CollectedWorker(_worker, "empty", Final, 0, 0, null, attempt);
                }

                await DownloadAsync(manifest, attempt, cancellationToken).ConfigureAwait(false);
                await VerifyAsync(manifest, cancellationToken).ConfigureAwait(false);
                Report(CollectStage.Extracting, manifest.Length, manifest.Length, attempt, $"Unpacking worker '{_worker}''s files of run {_runId} into {partial}.");
                await RunFolderPublisher.ExtractAsync(Incoming, partial, cancellationToken).ConfigureAwait(false);
                _settings.Faults?.AfterExtract?.Invoke(_worker, attempt, partial);
                RunFolderPublisher.Publish(partial, Final);
                File.Delete(Incoming);
                await ReleaseAsync(cancellationToken).ConfigureAwait(false);
                Report(CollectStage.Completed, manifest.Length, manifest.Length, attempt, $"Worker '{_worker}': {manifest.Files} files ({manifest.Length} bytes, SHA-256 {manifest.Sha256}) in {Final}.");
                return new CollectedWorker(_worker, "transferred", Final, manifest.Files, manifest.Length, manifest.Sha256, attempt);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or ControlApiException or HttpRequestException or UnauthorizedAccessException)
            {
                last = ex;
                RunFolderPublisher.TryDelete(partial);
                if (attempt < _settings.Attempts)
                {
                    var done = File.Exists(Incoming) ? new FileInfo(Incoming).Length : 0;
                    Report(CollectStage.Retrying, done, manifest?.Length ?? 0, attempt + 1, $"Collecting worker '{_worker}' of run {_runId} failed (attempt {attempt} of {_settings.Attempts}): {ex.Message} Retrying.");
                    await Task.Delay(_settings.RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        RunFolderPublisher.TryDelete(Incoming);
        RunFolderPublisher.TryDelete(partial);
        var message = $"Collecting worker '{_worker}' of run {_runId} into {Final} failed after {_settings.Attempts} attempts: {last!.Message}";
        Report(CollectStage.Failed, 0, manifest?.Length ?? 0, _settings.Attempts, message);
        throw new IOException(message, last);
    }

    /// <summary>Appends the missing chunks to the incoming file; a chunk that fails its check is not appended, so the next attempt resumes at it.</summary>
    private async Task DownloadAsync(ArchiveManifest manifest, int attempt, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(Incoming, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        if (file.Length > manifest.Length)
        {
            file.SetLength(0);
        }

        var offset = file.Length;
        file.Seek(offset, SeekOrigin.Begin);
        while (offset < manifest.Length)
        {
            var length = (int)Math.Min(_settings.ChunkSize, manifest.Length - offset);
            using var response = await _client.SendRawAsync(HttpMethod.Get, $"api/collect/{_runId}/archive?offset={offset}&length={length}", null, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (_settings.Faults?.OnChunk is { } fault)
            {
                bytes = fault(_worker, offset, attempt, bytes);
            }

            var expected = response.Headers.TryGetValues(WorkerArchives.ChunkHashHeader, out var values) ? values.FirstOrDefault() : null;
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (bytes.Length != length || !string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException(
                    $"The chunk at offset {offset} of worker '{_worker}''s archive of run {_runId} failed its check ({bytes.Length} of {length} bytes, SHA-256 {actual}, expected {expected ?? "none"}).");
            }

            await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            offset += length;
            Report(CollectStage.Transferring, offset, manifest.Length, attempt, $"Worker '{_worker}': {offset} of {manifest.Length} bytes of run {_runId}.");
        }
    }

    /// <summary>Checks the whole archive; a mismatch deletes it so the next attempt starts over.</summary>
    private async Task VerifyAsync(ArchiveManifest manifest, CancellationToken cancellationToken)
    {
        string actual;
        await using (var input = new FileStream(Incoming, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(input, cancellationToken).ConfigureAwait(false));
        }

        if (!string.Equals(actual, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(Incoming);
            throw new InvalidDataException($"The archive of worker '{_worker}' for run {_runId} ({Incoming}) has SHA-256 {actual}, expected {manifest.Sha256}.");
        }
    }

    /// <summary>Tells the worker it may delete its archive; a failure only leaves a temporary file on the worker.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendAsync(HttpMethod.Delete, $"api/collect/{_runId}", null, cancellationToken).ConfigureAwait(false);
        }
        catch (ControlApiException)
        {
            // The worker keeps a .collect-worker.tar beside its run folder; harmless.
        }
    }

    private void Report(CollectStage stage, long bytes, long total, int attempt, string message) =>
        _report(new CollectProgress(_runId, _worker, stage, bytes, total, attempt, message));
}
