using Microsoft.Extensions.Logging;

namespace Chimera;

/// <summary>Options of a <see cref="Manager"/>. Each maps to a key under <c>chimera.manager</c> in HOCON.</summary>
public sealed class ManagerOptions
{
    private TimeSpan _heartbeatInterval = TimeSpan.FromSeconds(1);
    private double _phiThreshold = 8;
    private TimeSpan _acceptableHeartbeatPause = TimeSpan.FromSeconds(3);
    private int _port;

    /// <summary>
    /// Where runs are recorded: each commit gets <c>LogDirectory/&lt;yyyy-MM-dd_HH-mm-ss&gt;-&lt;run id&gt;/</c>.
    /// <see langword="null"/> (the default) writes no files.
    /// </summary>
    public string? LogDirectory { get; set; }

    /// <summary>Where the manager and its nodes log. Defaults to no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The cluster clock. Defaults to <see cref="TimeProvider.System"/>; tests pass a controllable one.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The address the control API binds to. Defaults to <c>127.0.0.1</c>; use <c>0.0.0.0</c> for other machines.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The control API's port; 0 (the default) takes any free port, reported by <see cref="Manager.Url"/>.</summary>
    /// <value>0 to 65535.</value>
    public int Port
    {
        get => _port;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Port));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535, nameof(Port));
            _port = value;
        }
    }

    /// <summary>
    /// The cluster secret workers and clients prove they know (HMAC, never sent). <see langword="null"/> (the default)
    /// accepts loopback peers only.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How often workers send heartbeats. Defaults to 1 s.</summary>
    /// <value>At least 10 ms.</value>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(10), nameof(HeartbeatInterval));
            _heartbeatInterval = value;
        }
    }

    /// <summary>The phi-accrual failure detector's threshold. Defaults to 8, as in Akka.Cluster.</summary>
    /// <value>Greater than 0.</value>
    public double PhiThreshold
    {
        get => _phiThreshold;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(PhiThreshold));
            _phiThreshold = value;
        }
    }

    /// <summary>How long a heartbeat may be late before suspicion rises. Defaults to 3 s, as in Akka.Cluster.</summary>
    /// <value>Zero or more.</value>
    public TimeSpan AcceptableHeartbeatPause
    {
        get => _acceptableHeartbeatPause;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(AcceptableHeartbeatPause));
            _acceptableHeartbeatPause = value;
        }
    }

    /// <summary>
    /// A PFX file with the cluster's TLS certificate and key. When set, the control API is served over HTTPS and
    /// members trust peers presenting this certificate (or one that validates normally). <see langword="null"/> (the default) serves plain HTTP.
    /// </summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>The password of <see cref="TlsCertificatePath"/>, if it has one.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>Where the manager keeps assemblies uploaded by clients before shipping them. Defaults to a folder under the temp directory.</summary>
    public string? AssemblyDirectory { get; set; }
}
