using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Chimera;

public sealed partial class DataChunk
{
    /// <summary>
    /// <see cref="Records"/>: a read-only dictionary over the chunk's record array, enumerated in insertion order like
    /// the dictionary it replaces. It reads the chunk live, so it sees records added later.
    /// </summary>
    private sealed class RecordView(DataChunk chunk) : IReadOnlyDictionary<string, DataRecord>
    {
        /// <inheritdoc />
        public int Count => chunk._count;

        /// <inheritdoc />
        public IEnumerable<string> Keys => this.Select(p => p.Key);

        /// <inheritdoc />
        public IEnumerable<DataRecord> Values => this.Select(p => p.Value);

        /// <inheritdoc />
        public DataRecord this[string key] => chunk.TryGetRecord(key, out var record)
            ? record
            : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

        /// <inheritdoc />
        public bool ContainsKey(string key) => chunk.IndexOf(key) >= 0;

        /// <inheritdoc />
        public bool TryGetValue(string key, [MaybeNullWhen(false)] out DataRecord value) => chunk.TryGetRecord(key, out value);

        /// <inheritdoc />
        public IEnumerator<KeyValuePair<string, DataRecord>> GetEnumerator()
        {
            var records = chunk._records;
            var count = chunk._count;
            for (var i = 0; i < count; i++)
            {
                yield return new KeyValuePair<string, DataRecord>(records[i].Name, records[i]);
            }
        }

        /// <inheritdoc />
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
