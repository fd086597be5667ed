namespace Chimera;

/// <summary>The kinds of recorded stream, each with its own file format.</summary>
public enum RecordingKind
{
    /// <summary>Rows of a table, written as CSV with a header and a timestamp column.</summary>
    Tabular,

    /// <summary>One JSON object per line (<c>.jsonl</c>).</summary>
    Json,

    /// <summary>Plain text lines.</summary>
    Text,

    /// <summary>Single images, one PNG file each.</summary>
    Image,

    /// <summary>Video frames, encoded into an mp4 by ffmpeg.</summary>
    Video,

    /// <summary>Audio samples, written as PCM WAV.</summary>
    Audio,
}
