namespace Chimera.Cluster.Clock;

// The two bodies of POST /api/clock. One file because they are one exchange and each is a line long.

/// <summary>A worker's clock probe: when it sent the probe, in local ticks (for the worker's own bookkeeping).</summary>
internal sealed record ClockProbeRequest(long SentTicks);

/// <summary>The manager's answer: the worker's <c>t0</c> echoed, and when the manager received (<c>t1</c>) and answered (<c>t2</c>), in UTC ticks.</summary>
internal sealed record ClockProbeResponse(long SentTicks, long ReceivedTicks, long AnsweredTicks);
