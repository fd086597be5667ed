namespace Chimera.Nodes;

/// <summary>Finds the one recorded stream file a <see cref="Replay"/> names: <c>path/worker/node/stream.{csv,jsonl,txt}</c>, with unset parts searched.</summary>
internal static class RecordedStreamLocator
{
    /// <summary>The replayable extensions, in order of preference.</summary>
    private static readonly string[] s_extensions = [".csv", ".jsonl", ".txt"];

    /// <summary>The file to replay.</summary>
    /// <exception cref="ArgumentException">Nothing is named, nothing matches, or several files match; the message says which.</exception>
    public static string Find(string replay, string? path, string? worker, string? node, string? stream)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"Replay '{replay}': set Path to a recorded run folder or a stream file.", nameof(path));
        }

        if (System.IO.File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        if (!Directory.Exists(path))
        {
            throw new ArgumentException($"Replay '{replay}': {path} is neither a file nor a folder.", nameof(path));
        }

        stream ??= node;
        if (stream is null)
        {
            throw new ArgumentException($"Replay '{replay}': set Stream (or Node) to say which recorded stream of {path} to play.", nameof(stream));
        }

        var workers = worker is null ? [path, .. Directory.GetDirectories(path)] : new[] { Path.Combine(path, worker) };
        var matches = new List<string>();
        foreach (var workerDir in workers.Where(Directory.Exists))
        {
            var nodes = node is null ? [workerDir, .. Directory.GetDirectories(workerDir)] : new[] { Path.Combine(workerDir, node) };
            foreach (var nodeDir in nodes.Where(Directory.Exists))
            {
                var file = s_extensions.Select(e => Path.Combine(nodeDir, stream + e)).FirstOrDefault(System.IO.File.Exists);
                if (file is not null)
                {
                    matches.Add(Path.GetFullPath(file));
                }
            }
        }

        return matches.Distinct().ToList() switch
        {
            [var one] => one,
            [] => throw new ArgumentException($"Replay '{replay}': no recorded stream '{stream}' (.csv, .jsonl or .txt) under {path} (worker {worker ?? "any"}, node {node ?? "any"}).", nameof(stream)),
            var several => throw new ArgumentException($"Replay '{replay}': {several.Count} recorded streams '{stream}' under {path}: {string.Join(", ", several)}; set Worker and Node.", nameof(stream)),
        };
    }
}
