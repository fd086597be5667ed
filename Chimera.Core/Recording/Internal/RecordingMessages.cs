namespace Chimera.Recording;

/// <summary>Every message the recording layer throws, in one place so tests can assert them.</summary>
internal static class RecordingMessages
{
    /// <summary>A save after the run's recording was disposed.</summary>
    public static string Closed(string where) => $"The recording of {where} is closed; saves after the run stopped are not kept.";

    /// <summary>A stream name that cannot be a file name.</summary>
    public static string BadStreamName(string node, string name) =>
        $"Node '{node}' saves to a stream named '{name}', which is not a valid file name. Use letters, digits, '-', '_' or '.', without '/'.";

    /// <summary>A stream reused with another kind.</summary>
    public static string KindMismatch(string where, RecordingKind existing, RecordingKind requested) =>
        $"The {where} is a {existing} stream; it cannot also take {requested} entries. Save {requested} under another name.";

    /// <summary>A value of the wrong type for the kind.</summary>
    public static string WrongValue(string where, RecordingKind kind, object value, string expected) =>
        $"The {where} is a {kind} stream and takes {expected}, not a {value.GetType().Name}.";

    /// <summary>A frame whose size or format differs from the first.</summary>
    public static string FrameChanged(string where, string first, string now) =>
        $"The {where} started with {first} frames and got a {now} frame; a video has one size and format. Resize upstream or save to another stream.";

    /// <summary>Audio whose layout differs from the first block.</summary>
    public static string AudioChanged(string where, string first, string now) =>
        $"The {where} started as {first} audio and got {now}; a WAV file has one layout. Resample upstream or save to another stream.";

    /// <summary>A tabular row with a column the header lacks.</summary>
    public static string NewColumn(string where, string column, IEnumerable<string> header) =>
        $"The {where} got column '{column}' that its first row did not have; the CSV header ({string.Join(", ", header)}) is fixed by the first row. Put every column in the first row (null is fine) or save to another stream.";

    /// <summary>A tabular row using the reserved timestamp column.</summary>
    public static string ReservedColumn(string where) =>
        $"The {where} got a column named 'timestamp', which the recorder writes itself as the first column. Rename the column.";

    /// <summary>A frame rate that is not positive.</summary>
    public static string BadFps(string where, double fps) => $"The {where} got {fps} frames per second; the rate must be a positive, finite number.";

    /// <summary>The writer of a stream failed.</summary>
    public static string WriterFailed(string where, string reason) => $"Writing the {where} failed: {reason}";

    /// <summary>Closing the run found failed streams.</summary>
    public static string RunFailed(string folder, IEnumerable<string> failures) =>
        $"The recording in '{folder}' had failures:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Select(f => "- " + f))}";

    /// <summary>A file that is not a repairable WAV.</summary>
    public static string NotWav(string path, string reason) => $"'{path}' is not a WAV file that can be repaired: {reason}.";
}
