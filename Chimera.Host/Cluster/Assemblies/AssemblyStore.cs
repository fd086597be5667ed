using System.Security.Cryptography;

namespace Chimera.Cluster.Assemblies;

/// <summary>
/// Assemblies received from the manager, stored by SHA-256 of their content. A stored file is only ever written
/// after its hash was verified, so a later commit that announces the same hash reuses it without another upload.
/// </summary>
internal sealed class AssemblyStore
{
    public AssemblyStore(string directory)
    {
        Directory.CreateDirectory(directory);
        DirectoryPath = directory;
    }

    public string DirectoryPath { get; }

    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public bool Has(string sha256) => File.Exists(PathOf(sha256));

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{sha256}' is not a lowercase hex SHA-256.", nameof(sha256));
        }

        return Path.Combine(DirectoryPath, sha256 + ".dll");
    }

    /// <summary>Stores content announced under <paramref name="sha256"/>; refuses it when the hash does not match.</summary>
    public async Task PutAsync(string sha256, byte[] content, CancellationToken cancellationToken)
    {
        var actual = Hash(content);
        if (actual != sha256)
        {
            throw new InvalidDataException($"Assembly upload refused: announced SHA-256 {sha256}, content hashes to {actual}.");
        }

        var path = PathOf(sha256);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        await File.WriteAllBytesAsync(temp, content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    public async Task<byte[]> ReadVerifiedAsync(string sha256, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(PathOf(sha256), cancellationToken).ConfigureAwait(false);
        var actual = Hash(content);
        if (actual != sha256)
        {
            throw new InvalidDataException($"Stored assembly {sha256} is corrupt (content hashes to {actual}); it will be uploaded again.");
        }

        return content;
    }
}
