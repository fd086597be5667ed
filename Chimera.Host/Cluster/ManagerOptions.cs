using Microsoft.Extensions.Logging;

namespace Chimera;

/// <summary>Options of a <see cref="Manager"/>.</summary>
public sealed class ManagerOptions
{
    /// <summary>
    /// Where runs are recorded: each commit gets <c>LogDirectory/&lt;yyyy-MM-dd_HH-mm-ss&gt;-&lt;run id&gt;/</c>.
    /// <see langword="null"/> (the default) writes no files.
    /// </summary>
    public string? LogDirectory { get; set; }

    /// <summary>Where the manager and its nodes log. Defaults to no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The cluster clock. Defaults to <see cref="TimeProvider.System"/>; tests pass a controllable one.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}
