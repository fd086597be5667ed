using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chimera.Runtime;

/// <summary>What a worker gives its stages: logging, the clock, the recording switch and layer, and how to find node types.</summary>
internal sealed class StageEnvironment
{
    public required string WorkerName { get; init; }

    public required string RunId { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public Func<bool> IsRecording { get; init; } = static () => false;

    /// <summary>The run's folder in the log directory, or null when the run writes no files.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>Makes the recorder of one node (worker, node name); null means nothing is recorded.</summary>
    public Func<string, NodeRecorder>? RecorderFactory { get; init; }

    /// <summary>Finds a node's type from (type name, assembly name, node name).</summary>
    public Func<string, string, string, Type> ResolveType { get; init; } = NodeConfiguration.ResolveType;
}
