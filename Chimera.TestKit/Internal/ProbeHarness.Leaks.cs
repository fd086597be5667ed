namespace Chimera.TestKit.Internal;

internal sealed partial class ProbeHarness
{
    /// <summary>
    /// Lists what the run did not release: stages still running, instances set up and not torn down (or torn down
    /// without returning), edges not completed or still buffering, probe pumps or sends still going, and timers on the
    /// test clock nobody cancelled or disposed. Empty when everything was released.
    /// </summary>
    public IReadOnlyList<string> FindLeaks()
    {
        if (!_stopping)
        {
            return ["The run is still going; call StopAsync (or dispose the probe) before checking for leaks."];
        }

        var leaks = new List<string>();
        foreach (var stage in _runtime.Stages)
        {
            var setups = stage.SetupsCompleted;
            var started = stage.TeardownsStarted;
            var returned = stage.TeardownsReturned;
            if (started != returned)
            {
                leaks.Add($"Node '{stage.Name}' started {ProbeText.Count(started, "teardown")} but only {returned} returned; a teardown that never returns holds its stage (state {stage.State}) forever.");
            }
            else if (setups != started)
            {
                leaks.Add($"Node '{stage.Name}' was set up {setups} time(s) but torn down {started} time(s); every set-up instance must be torn down exactly once.");
            }
        }

        if (!_runtime.Completion.IsCompleted)
        {
            leaks.Add($"The run's stages did not all finish: {DescribeNodes()}.");
        }

        foreach (var channel in _channels.Values)
        {
            if (channel.IsCompleted)
            {
                continue;
            }

            leaks.Add(channel.QueueDepth > 0
                ? $"Edge '{channel.Edge.Id}' still buffers {ProbeText.Count(channel.QueueDepth, "element")} that '{channel.Edge.To}' never took."
                : $"Edge '{channel.Edge.Id}' was never completed by '{channel.Edge.From}'.");
        }

        foreach (var (node, _, probe) in _subscribers.Where(s => !s.Probe.Pump.IsCompleted))
        {
            leaks.Add($"The subscriber probe on '{node}' is still reading its edge '{probe.Edge}'.");
        }

        foreach (var publisher in _publishers.Values.Where(p => p.PendingSends > 0))
        {
            leaks.Add($"Publisher probe '{publisher.Name}' still has {ProbeText.Count(publisher.PendingSends, "send")} waiting for room (a SendNextAsync that was not awaited).");
        }

        var timers = Clock.DescribeTimers();
        if (timers.Count > 0)
        {
            leaks.Add($"The test clock still has {ProbeText.Count(timers.Count, "timer")} that no one cancelled or disposed, i.e. work a node left running after teardown: {string.Join("; ", timers)}.");
        }

        return leaks;
    }

    /// <summary>Throws when <see cref="FindLeaks"/> finds anything, listing every leak.</summary>
    public void AssertNoLeaks()
    {
        var leaks = FindLeaks();
        if (leaks.Count > 0)
        {
            throw new ExpectationFailedException(
                $"Expected every stage, task and buffer of the run to be released, but found {ProbeText.Count(leaks.Count, "leak")}:" + Environment.NewLine +
                string.Join(Environment.NewLine, leaks.Select(l => "- " + l)));
        }
    }
}
