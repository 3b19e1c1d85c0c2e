using DuckDB.NET.Data;

namespace RecSharp.Data.Tests.Support;

/// <summary>Writes Parquet files with DuckDB, a writer independent of the reader under test.</summary>
internal static class DuckDb
{
    /// <summary>Runs <c>COPY (query) TO 'path' (FORMAT parquet)</c>; returns the path.</summary>
    public static string CopyToParquet(string query, string path, int rowGroupSize = 122_880)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({query}) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE {rowGroupSize})";
        command.ExecuteNonQuery();
        return path;
    }
}
