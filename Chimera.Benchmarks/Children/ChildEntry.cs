using System.Globalization;
using Chimera.Benchmarks.Scenarios;

namespace Chimera.Benchmarks.Children;

/// <summary>
/// What this program does when started as a child process (<c>--child ROLE ARGS</c>): the far end of a raw socket
/// baseline, or a cold commit. Answers on standard output; errors go to standard error with exit code 1.
/// </summary>
internal static class ChildEntry
{
    /// <summary>Runs the role named by <paramref name="args"/>[0].</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        switch (args.Count > 0 ? args[0] : string.Empty)
        {
            case "tcp-send" when args.Count == 4:
                return await TcpSender.RunAsync(Int(args[1]), Int(args[2]), double.Parse(args[3], CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            case "tcp-echo" when args.Count == 3:
                return await TcpEcho.RunAsync(Int(args[1]), Int(args[2]), ct).ConfigureAwait(false);
            case "commit-cold" when args.Count == 1:
                var ms = await TenNodeGraph.TimeCommitAsync(ct).ConfigureAwait(false);
                Console.WriteLine(ms.ToString("R", CultureInfo.InvariantCulture));
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown child role: {string.Join(' ', args)}").ConfigureAwait(false);
                return 2;
        }
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
