namespace RecSharp.Serving.Rows;

/// <summary>
/// A raw row that cannot be scored: a field is absent, has the wrong type, is not a finite number, or its value cannot
/// be encoded by the fitted preprocessing. The message is one line naming the row and the field.
/// </summary>
public sealed class InvalidRowException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="row">The 0-based position of the row among the rows given, when the problem is in one row.</param>
    /// <param name="field">The field (source column) concerned, when there is one.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    public InvalidRowException(int? row, string? field, string problem)
        : base(Format(row, field, problem))
    {
        Row = row;
        Field = field;
        Problem = problem;
    }

    /// <summary>The 0-based position of the row, when the problem is in one row.</summary>
    public int? Row { get; }

    /// <summary>The field concerned, when there is one.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(int? row, string? field, string problem)
    {
        var where = new List<string>();
        if (row is { } r) where.Add($"row {r}");
        if (field is not null) where.Add($"field \"{field}\"");
        return where.Count == 0 ? problem : $"{string.Join(", ", where)}: {problem}";
    }
}
