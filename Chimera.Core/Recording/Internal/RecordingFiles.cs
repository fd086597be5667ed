using System.Globalization;

namespace Chimera.Recording;

/// <summary>Small helpers the stream writers share: opening files and formatting time.</summary>
internal static class RecordingFiles
{
    /// <summary>Creates (truncating) a file for writing that others may read while it grows, creating its folder.</summary>
    public static FileStream Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = 64 * 1024,
            Options = FileOptions.Asynchronous,
        });
    }

    /// <summary>ISO-8601 with offset and 100 ns precision ("O"), invariant.</summary>
    public static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Nanoseconds since the Unix epoch (100 ns resolution).</summary>
    public static long UnixNanoseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;
}
