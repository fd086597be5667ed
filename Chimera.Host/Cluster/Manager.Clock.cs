using Chimera.Cluster.Clock;
using Chimera.Cluster.Http;
using Chimera.Cluster.Workers;
using Microsoft.AspNetCore.Http;

namespace Chimera;

public sealed partial class Manager
{
    /// <summary>
    /// Answers a worker's clock probe with when it arrived (<c>t1</c>) and when it left (<c>t2</c>) on the manager's
    /// clock — the manager's timeline is the cluster's. Both readings are taken as close to the wire as the endpoint gets.
    /// </summary>
    internal IResult AnswerClockProbe(ClockProbeRequest probe)
    {
        var received = Options.Clock.GetUtcNow();
        var answer = new ClockProbeResponse(probe.SentTicks, received.UtcTicks, 0);
        return Results.Json(answer with { AnsweredTicks = Options.Clock.GetUtcNow().UtcTicks }, ControlJson.Options);
    }

    /// <summary>
    /// What <c>meta.json</c> says about a worker's clock: its offset to the manager (manager minus local) and the
    /// offset's uncertainty, in ms. Recorded timestamps are already on the manager's timeline; a row's local time is
    /// its timestamp minus the offset (the worker's <c>clock.csv</c> has the offset over time).
    /// </summary>
    private object ClockOf(IWorkerHandle worker)
    {
        if (worker.IsEmbedded)
        {
            return new { source = "embedded", offsetMs = (double?)0.0, uncertaintyMs = (double?)0.0 };
        }

        return _members.TryGetValue(worker.Name, out var member) && member.ClockOffsetMs is { } offset
            ? new { source = "probes", offsetMs = (double?)offset, uncertaintyMs = member.ClockUncertaintyMs }
            : new { source = "unsynchronized", offsetMs = (double?)null, uncertaintyMs = (double?)null };
    }
}
