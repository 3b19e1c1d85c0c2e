namespace RecSharp.Data.Reading;

/// <summary>Rows skipped because they could not be used, with the first few locations and reasons.</summary>
public sealed record BadRowReport
{
    /// <summary>How many line numbers and reasons are kept.</summary>
    public const int KeptExamples = 10;

    /// <summary>No skipped rows.</summary>
    public static BadRowReport None { get; } = new();

    /// <summary>The number of rows skipped.</summary>
    public long SkippedCount { get; init; }

    /// <summary>The 1-based line numbers of the first skipped rows (at most <see cref="KeptExamples"/>).</summary>
    public IReadOnlyList<int> FirstLineNumbers { get; init; } = [];

    /// <summary>The error message of each row in <see cref="FirstLineNumbers"/>, in the same order.</summary>
    public IReadOnlyList<string> FirstReasons { get; init; } = [];

    /// <summary>This report followed by another, e.g. of the next chunk.</summary>
    /// <param name="next">The report of later rows.</param>
    public BadRowReport Combine(BadRowReport next) => new()
    {
        SkippedCount = SkippedCount + next.SkippedCount,
        FirstLineNumbers = FirstLineNumbers.Concat(next.FirstLineNumbers).Take(KeptExamples).ToArray(),
        FirstReasons = FirstReasons.Concat(next.FirstReasons).Take(KeptExamples).ToArray(),
    };
}
