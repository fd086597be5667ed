namespace Chimera.Cluster.Protocol;

// The JSON bodies of the control API. One file because they are one protocol and each is a line long.

/// <summary>A fresh challenge for a peer to sign.</summary>
internal sealed record ChallengeResponse(string Nonce);

/// <summary>A worker asks to join: its name, where the manager reaches it, and the proof it knows the secret.</summary>
internal sealed record RegisterRequest(string Name, string ControlUrl, string DataEndpoint, string Nonce, string Proof, int ProcessId, string Host, string Version);

/// <summary>The manager's answer to a registration.</summary>
internal sealed record RegisterResponse(string ManagerId, string Session, double HeartbeatIntervalMs);

/// <summary>A worker's periodic report: resources, the state of its part of the run, and its clock offset to the manager (null until measured).</summary>
internal sealed record HeartbeatMessage(string Name, string Session, double CpuPercent, long MemoryBytes, int Threads, RunReport? Run, double? ClockOffsetMs = null, double? ClockUncertaintyMs = null);

/// <summary>Something a worker tells the manager as it happens: its run finished, or a node failed.</summary>
internal sealed record WorkerEventMessage(string Worker, string Kind, string RunId, RunReport? Report, NodeFailure? Failure);

/// <summary>An assembly a commit needs, named by content hash.</summary>
internal sealed record AssemblyRef(string Name, string Sha256, long Length);

/// <summary>Asks a worker which of the announced assemblies it lacks.</summary>
internal sealed record PrepareRequest(IReadOnlyList<AssemblyRef> Assemblies);

/// <summary>The hashes a worker still needs uploaded.</summary>
internal sealed record PrepareResponse(IReadOnlyList<string> Missing);

/// <summary>Commits a blueprint to a worker: it loads the announced assemblies, creates its nodes and runs their setup.</summary>
internal sealed record CommitRequest(Blueprint Blueprint, IReadOnlyList<AssemblyRef> Assemblies, string? RunDirectoryName);

/// <summary>Which nodes failed on a worker (empty when all are ready).</summary>
internal sealed record CommitResponse(IReadOnlyList<NodeFailure> Failures);

/// <summary>The address table of a run: edge id → the data endpoint of the worker that sends on it.</summary>
internal sealed record ConnectRequest(string RunId, IReadOnlyDictionary<string, string> Senders);

/// <summary>Edges a worker could not connect, with the reason.</summary>
internal sealed record ConnectResponse(IReadOnlyList<string> Errors);

/// <summary>Switches recording on or off.</summary>
internal sealed record RecordRequest(bool Recording);

/// <summary>Ends a worker process, or keeps it up for another manager session.</summary>
internal sealed record ShutdownRequest(bool Exit);

/// <summary>An error answer: one sentence saying what was wrong.</summary>
internal sealed record ErrorResponse(string Error);
