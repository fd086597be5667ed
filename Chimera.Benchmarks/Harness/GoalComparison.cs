namespace Chimera.Benchmarks.Harness;

/// <summary>How a goal compares a measured value with its target.</summary>
internal enum GoalComparison
{
    /// <summary>The value must be at least the target.</summary>
    AtLeast,

    /// <summary>The value must be at most the target.</summary>
    AtMost,

    /// <summary>The value must be strictly below the target.</summary>
    Below,
}
