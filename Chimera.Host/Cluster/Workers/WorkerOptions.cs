using Microsoft.Extensions.Logging;

namespace Chimera;

/// <summary>Options of a <see cref="Worker"/>. Each maps to a key under <c>chimera.worker</c> in HOCON.</summary>
public sealed class WorkerOptions
{
    private int _controlPort;
    private int _dataPort;

    /// <summary>The worker's name, unique in its cluster; graphs are mapped onto workers by this name.</summary>
    public string Name { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>The manager's control API address (e.g. <c>http://10.0.0.5:6000</c>) the worker joins.</summary>
    public string? ManagerUrl { get; set; }

    /// <summary>The address the worker's control API and data listener bind to. Defaults to <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The host name or address other members use to reach this worker; defaults to <see cref="Host"/> (or the machine name when binding all interfaces).</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>The control API's port; 0 (the default) takes any free port.</summary>
    /// <value>0 to 65535.</value>
    public int ControlPort
    {
        get => _controlPort;
        set => _controlPort = CheckPort(value, nameof(ControlPort));
    }

    /// <summary>The data listener's port, where other workers connect for stream references; 0 (the default) takes any free port.</summary>
    /// <value>0 to 65535.</value>
    public int DataPort
    {
        get => _dataPort;
        set => _dataPort = CheckPort(value, nameof(DataPort));
    }

    /// <summary>The cluster secret (never sent; used for HMAC proofs). <see langword="null"/> works with a manager on loopback only.</summary>
    public string? Secret { get; set; }

    /// <summary>A PFX file with the cluster's TLS certificate and key: the worker serves its control API over HTTPS with it and trusts the manager presenting it. Defaults to plain HTTP.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>The password of <see cref="TlsCertificatePath"/>, if it has one.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>Where this worker writes the files of recorded runs. Defaults to <c>./logs</c>.</summary>
    public string LogDirectory { get; set; } = "logs";

    /// <summary>Where assemblies shipped by the manager are kept (by SHA-256), so a later commit reuses them. Defaults to a folder under the temp directory.</summary>
    public string? AssemblyDirectory { get; set; }

    /// <summary>Stream-reference settings for the cross-process edges this worker sends or receives (<c>chimera.remote</c>).</summary>
    public Chimera.Remote.RemoteSettings Remote { get; set; } = new();

    /// <summary>Where the worker logs. Defaults to no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The worker's clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The longest pause between attempts to join a manager that is not up yet. Defaults to 5 s.</summary>
    public TimeSpan MaxJoinBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether each successful commit ends with one full, blocking, compacting garbage collection, before the manager
    /// starts the run, so that what start-up and the commit allocated sits in the oldest generation, which the run's
    /// collections leave alone. It matters most for a worker whose elements are large arrays: it allocates so little
    /// else that every collection is one its arrays start, and those kept copying the young objects (in
    /// <c>remote.large</c>'s receiving worker, the runtime's share of the CPU fell from 29–36 % to 19–27 %). Costs a
    /// pause of about 10 ms per commit in a worker process; turn it off for a worker embedded in an application whose
    /// large heap would make that pause long. Defaults to <see langword="true"/>.
    /// </summary>
    public bool CollectGarbageAfterCommit { get; set; } = true;

    private static int CheckPort(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535, name);
        return value;
    }
}
