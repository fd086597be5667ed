using System.Runtime.InteropServices;

namespace Chimera.Benchmarks.Harness;

/// <summary>The machine a run was measured on.</summary>
/// <param name="Cores">Logical cores available to the process.</param>
/// <param name="Os">The operating system description.</param>
/// <param name="Runtime">The .NET runtime description.</param>
/// <param name="Cpu">The CPU model name from <c>/proc/cpuinfo</c>, or "unknown".</param>
/// <param name="LoadAverage">The 1-minute load average when the run started (other work on the machine), or null.</param>
internal sealed record MachineInfo(int Cores, string Os, string Runtime, string Cpu, double? LoadAverage)
{
    /// <summary>Describes the current machine.</summary>
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadCpuModel(),
        ReadLoadAverage());

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static double? ReadLoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
