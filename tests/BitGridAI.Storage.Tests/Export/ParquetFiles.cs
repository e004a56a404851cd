using Parquet.Serialization;

namespace BitGridAI.Storage.Tests.Export;

/// <summary>Reads an export's Parquet files back with Parquet.Net, as a researcher's tool would.</summary>
internal static class ParquetFiles
{
    public static async Task<IList<T>> ReadAsync<T>(string directory, string name)
        where T : class, new()
    {
        await using var stream = File.OpenRead(Path.Combine(directory, name));
        return (await ParquetSerializer.DeserializeAsync<T>(stream)).Data;
    }

    /// <summary>The column names a researcher sees.</summary>
    public static async Task<IReadOnlyList<string>> ColumnsAsync<T>(string directory, string name)
        where T : class, new()
    {
        await using var stream = File.OpenRead(Path.Combine(directory, name));
        return (await ParquetSerializer.DeserializeAsync<T>(stream)).Schema.GetDataFields().Select(f => f.Name).ToList();
    }

    /// <summary>Every string value of every row (public string properties), for searches.</summary>
    public static IEnumerable<string> Strings<T>(IEnumerable<T> rows) =>
        rows.SelectMany(row => typeof(T).GetProperties()
            .Where(p => p.PropertyType == typeof(string))
            .Select(p => (string?)p.GetValue(row))
            .OfType<string>());
}
