namespace Chimera.Benchmarks.Harness;

/// <summary>Thrown by a benchmark whose prerequisites are missing; its metrics are reported as not available.</summary>
internal sealed class BenchmarkUnavailableException(string message) : InvalidOperationException(message);
