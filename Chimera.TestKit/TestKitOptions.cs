using Microsoft.Extensions.Logging;

namespace Chimera.TestKit;

/// <summary>What every TestKit run shares: the clock, the recorder, the probe edges and the default wait.</summary>
public abstract class TestKitOptions
{
    /// <summary>The clock the nodes see as <see cref="NodeContext.Clock"/>. Defaults to a new <see cref="ManualClock"/> at <see cref="ManualClock.DefaultStart"/>.</summary>
    public ManualClock? Clock { get; set; }

    /// <summary>Where the nodes' saves are captured. Defaults to a new <see cref="CapturingRecorder"/> with recording on.</summary>
    /// <remarks>Recording is on by default, unlike a cluster's preview, because capturing saves is usually why a test runs a recording node.</remarks>
    public CapturingRecorder? Recorder { get; set; }

    /// <summary>Where the nodes log. Defaults to no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The options of every edge from a publisher probe into a node (capacity, overflow, follow).</summary>
    /// <value>Defaults to the edge defaults: capacity 64, backpressure.</value>
    public EdgeOptions InputEdge { get; set; } = new();

    /// <summary>The options of every edge from an observed node into its subscriber probe.</summary>
    /// <value>Defaults to the edge defaults: capacity 64, backpressure. The node fills this buffer before it feels the probe's demand.</value>
    public EdgeOptions OutputEdge { get; set; } = new();

    /// <summary>The default wait, before scaling by <see cref="TestTimeouts.Factor"/>.</summary>
    private TimeSpan _timeout = TestTimeouts.UnscaledDefault;

    /// <summary>The default wait of every expectation, before scaling by <see cref="TestTimeouts.Factor"/>.</summary>
    /// <value>Greater than zero, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>. Defaults to 3 seconds.</value>
    public TimeSpan Timeout
    {
        get => _timeout;
        set
        {
            if (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(Timeout), value, "Timeout must be greater than zero, or Timeout.InfiniteTimeSpan.");
            }

            _timeout = value;
        }
    }
}
