using System.Collections.Concurrent;

namespace Chimera.Examples.DistributedJob;

/// <summary>
/// PyE2's distributed job: an initiator (this program) talks to a manager, watches the workers' heartbeats (CPU,
/// memory), picks N live workers, commits a prime search over one slice of the range to each, gathers their running
/// results through taps for a set time, then stops the job and the workers.
/// </summary>
/// <remarks>
/// Each worker gets a self-contained subgraph (search → tally), so no data crosses between workers: only results
/// come back to the initiator, over each worker's tap.
/// </remarks>
public static class DistributedJobExample
{
    /// <summary>Runs the job and prints heartbeats, the picked workers and each worker's result.</summary>
    /// <param name="output">Where the job reports.</param>
    /// <param name="settings">The job's settings; defaults to 3 in-process workers for 5 s.</param>
    /// <param name="cancellationToken">Stops the job.</param>
    /// <returns>What the workers found.</returns>
    public static async Task<PrimeJobReport> RunAsync(TextWriter output, PrimeJobSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new PrimeJobSettings();

        // Heartbeats and taps call back on their own threads; one lock keeps the lines whole.
        output = TextWriter.Synchronized(output);
        var options = new ManagerOptions { HeartbeatInterval = settings.HeartbeatInterval };
        if (settings.ManagerUrl is { } listen)
        {
            var uri = new Uri(listen);
            options.Host = uri.Host;
            options.Port = uri.Port;
        }

        await using var manager = new Manager(options);
        var url = await manager.StartServerAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Manager control API on {url}.");

        // PyE2's on_heartbeat: every worker reports CPU and memory at the manager's heartbeat interval.
        var beating = new ConcurrentDictionary<string, WorkerStatus>(StringComparer.Ordinal);
        var heartbeats = 0;
        using var onHeartbeat = manager.OnHeartbeat(status =>
        {
            beating[status.Name] = status;
            Interlocked.Increment(ref heartbeats);
            output.WriteLine($"[heartbeat] {status.Name}: CPU {status.CpuPercent,5:0.0} %, memory {status.MemoryBytes / (1024 * 1024)} MiB, {status.Liveness}");
        });

        var workers = new List<Worker>();
        try
        {
            if (settings.ManagerUrl is null)
            {
                // In-process workers, but real members: each serves its own control API and joins over HTTP.
                for (var i = 1; i <= settings.Workers; i++)
                {
                    var worker = new Worker(new WorkerOptions
                    {
                        Name = $"edge-{i}",
                        ManagerUrl = url,
                        LogDirectory = Path.Combine(Path.GetTempPath(), "chimera-examples", "job-logs"),
                    });
                    workers.Add(worker);
                    await worker.StartAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                output.WriteLine($"Waiting for {settings.Workers} workers: chimera worker --name edge-1 --manager {url} (one per machine).");
            }

            var picked = await PickLiveWorkersAsync(manager, beating, settings, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Picked {picked.Count} live workers: {string.Join(", ", picked)}.");
            return await RunJobAsync(manager, picked, settings, output, () => heartbeats, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Stop the workers (ChimeraPy's and PyE2's shutdown): registered workers are told to exit, then in-process
            // ones release their ports.
            await manager.ShutdownAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            foreach (var worker in workers)
            {
                await worker.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until enough workers are up and have sent a heartbeat, then picks the first of them by name.</summary>
    private static async Task<IReadOnlyList<string>> PickLiveWorkersAsync(Manager manager, ConcurrentDictionary<string, WorkerStatus> beating, PrimeJobSettings settings, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.JoinTimeout);
        while (true)
        {
            var live = manager.RegisteredWorkers
                .Where(w => w.Liveness == "up" && beating.ContainsKey(w.Name))
                .Select(w => w.Name)
                .Take(settings.Workers)
                .ToList();
            if (live.Count == settings.Workers)
            {
                return live;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Only {live.Count} of {settings.Workers} workers were up and sending heartbeats after {settings.JoinTimeout.TotalSeconds:0} s: {string.Join(", ", live)}.");
            }
        }
    }

    /// <summary>Commits one search slice per worker, gathers results through taps for the set time, then stops.</summary>
    private static async Task<PrimeJobReport> RunJobAsync(Manager manager, IReadOnlyList<string> picked, PrimeJobSettings settings, TextWriter output, Func<int> heartbeats, CancellationToken cancellationToken)
    {
        var graph = new Graph("prime-job");
        var mapping = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var slices = new List<(string Worker, long From, long To)>();
        var size = (settings.Limit - 1) / picked.Count;
        for (var i = 0; i < picked.Count; i++)
        {
            var from = 2 + (i * size);
            var to = i == picked.Count - 1 ? settings.Limit : from + size - 1;
            graph.AddNode($"search-{i + 1}", new PrimeSearch { From = from, To = to })
                .AddNode($"tally-{i + 1}", new PrimeTally())
                .AddEdge($"search-{i + 1}", $"tally-{i + 1}");
            mapping[picked[i]] = [$"search-{i + 1}", $"tally-{i + 1}"];
            slices.Add((picked[i], from, to));
        }

        // The node code lives in this program; the manager ships its assembly to workers that lack it.
        await manager.CommitGraphAsync(graph, mapping, cancellationToken).ConfigureAwait(false);

        // PyE2's payload callbacks: each tally's running total arrives through a tap; the latest one is the result.
        // Running totals make the tap forgiving: a chunk missed early is included in every later one. The tap is not
        // rate-limited, because sampling could skip the final total, and each is open on its worker before the job
        // starts (OnDataAsync), so even a search that ends at once is seen.
        var latest = new ConcurrentDictionary<int, DataChunk>();
        var taps = new List<DataSubscription>();
        for (var i = 0; i < picked.Count; i++)
        {
            var index = i;
            taps.Add(await manager.OnDataAsync($"tally-{i + 1}", chunk => latest[index] = chunk, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        RunReport report;
        try
        {
            await manager.StartAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Job running on {picked.Count} workers for {settings.Duration.TotalSeconds:0.#} s: primes in [2, {settings.Limit:N0}].");

            var finished = manager.WaitForCompletionAsync(cancellationToken);
            using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // Whichever comes first: the set time, or the search covering its whole range.
                await Task.WhenAny(finished, Task.Delay(settings.Duration, timer.Token)).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
            }

            if (!finished.IsCompleted)
            {
                output.WriteLine("Time is up: stopping the job (the drain delivers the last tallies).");
                await manager.StopAsync(cancellationToken).ConfigureAwait(false);
            }

            report = await finished.ConfigureAwait(false);

            // The run is over, but the last totals may still be on their way from the workers: a tap completes once
            // its node has ended and every chunk it kept was handed over. Disposing first would cut them off.
            await Task.WhenAll(taps.Select(t => t.Completion)).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var tap in taps)
            {
                await tap.DisposeAsync().ConfigureAwait(false);
            }
        }

        var results = slices.Select((s, i) => latest.TryGetValue(i, out var chunk)
            ? new PrimeJobResult(s.Worker, s.From, s.To, chunk.Get<long>("checked"), chunk.Get<long>("found"), chunk.Get<long>("largest"))
            : new PrimeJobResult(s.Worker, s.From, s.To, 0, 0, 0)).ToList();
        output.WriteLine($"{"worker",-8} {"range",-27} {"checked",12} {"primes",10} {"largest",12}");
        foreach (var r in results)
        {
            output.WriteLine($"{r.Worker,-8} {$"[{r.From:N0}, {r.To:N0}]",-27} {r.Checked,12:N0} {r.Found,10:N0} {r.Largest,12:N0}");
        }

        var jobReport = new PrimeJobReport(results, heartbeats(), report);
        output.WriteLine($"Total: {jobReport.TotalFound:N0} primes from {results.Sum(r => r.Checked):N0} numbers; {jobReport.Heartbeats} heartbeats seen.");
        return jobReport;
    }
}
