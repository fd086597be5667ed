using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Chimera;

public sealed partial class DataChunk
{
    /// <summary>
    /// <see cref="Records"/>: a read-only dictionary over the chunk's records, enumerated in insertion order like
    /// the dictionary it replaces. It reads the chunk live; like the dictionary, an enumeration throws
    /// <see cref="InvalidOperationException"/> when the chunk changes under it.
    /// </summary>
    private sealed class RecordView(DataChunk chunk) : IReadOnlyDictionary<string, DataRecord>
    {
        /// <inheritdoc />
        public int Count => chunk._count;

        /// <inheritdoc />
        public IEnumerable<string> Keys
        {
            get
            {
                var version = chunk._version;
                for (var i = 0; i < chunk._count; i++)
                {
                    chunk.ThrowIfChanged(version);
                    yield return chunk.RecordAt(i).Name;
                }

                chunk.ThrowIfChanged(version);
            }
        }

        /// <inheritdoc />
        public IEnumerable<DataRecord> Values
        {
            get
            {
                var version = chunk._version;
                for (var i = 0; i < chunk._count; i++)
                {
                    chunk.ThrowIfChanged(version);
                    yield return chunk.RecordAt(i);
                }

                chunk.ThrowIfChanged(version);
            }
        }

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
            var version = chunk._version;
            for (var i = 0; i < chunk._count; i++)
            {
                chunk.ThrowIfChanged(version);
                var record = chunk.RecordAt(i);
                yield return new KeyValuePair<string, DataRecord>(record.Name, record);
            }

            chunk.ThrowIfChanged(version);
        }

        /// <inheritdoc />
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
