using Chimera.Examples.Basics;

namespace Chimera.Examples;

/// <summary>Picks an example by name from the command line: <c>dotnet run --project Chimera.Examples -- NAME</c>.</summary>
public static class ExampleRunner
{
    private static readonly Dictionary<string, (string Description, Func<TextWriter, CancellationToken, Task> Run)> s_examples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["basics"] = ("ChimeraPy Basics: gen (2) -> consume (x3 = 6) -> print, on two local workers", (o, ct) => BasicsExample.RunAsync(o, cancellationToken: ct)),
    };

    /// <summary>Runs the example named in <paramref name="args"/> (default <c>basics</c>); returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var name = args.Length > 0 ? args[0] : "basics";
        if (!s_examples.TryGetValue(name, out var example))
        {
            await output.WriteLineAsync($"Unknown example '{name}'. Examples:").ConfigureAwait(false);
            foreach (var (key, value) in s_examples)
            {
                await output.WriteLineAsync($"  {key,-12} {value.Description}").ConfigureAwait(false);
            }

            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        await output.WriteLineAsync($"Running example '{name}': {example.Description}").ConfigureAwait(false);
        try
        {
            await example.Run(output, cts.Token).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is RunFailedException or CommitFailedException or GraphValidationException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
