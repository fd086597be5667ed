namespace Chimera;

/// <summary>When a node with several inputs steps.</summary>
public enum TriggerMode
{
    /// <summary>
    /// Step when the followed input delivers, once every input has delivered at least once, with the latest value of
    /// the others (ChimeraPy). The followed input is the edge marked <see cref="EdgeOptions.Follow"/>, else the first
    /// edge added. Followed elements that arrive before every input has delivered are discarded and counted.
    /// </summary>
    Latest,

    /// <summary>Step on one element from each input, paired in order; lossless.</summary>
    Zip,

    /// <summary>Step on every element from any input, one at a time, in arrival order; lossless (ctapipe).</summary>
    Each,
}
