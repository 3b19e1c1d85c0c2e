using RecSharp.Data.Reading;

namespace RecSharp.Data.Tests.Support;

/// <summary>Column accessors that make raw table values easy to compare.</summary>
internal static class RawTableAssertions
{
    public const string Missing = "<missing>";

    public static string[] TextOf(this RawTable table, string column)
        => (table[column].Text ?? throw new InvalidOperationException($"'{column}' was not read as text"))
            .Select(v => v ?? Missing).ToArray();

    public static double[] NumbersOf(this RawTable table, string column)
        => table[column].Numbers ?? throw new InvalidOperationException($"'{column}' was not read as numbers");
}
