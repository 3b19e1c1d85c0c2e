namespace RecSharp.Data.Synthetic;

/// <summary>What every built-in data set is drawn with: a number of rows and a seed.</summary>
public abstract record SyntheticOptions
{
    /// <summary>Creates the options with the data set's default number of rows.</summary>
    /// <param name="rows">The default number of rows.</param>
    private protected SyntheticOptions(int rows) => Rows = rows;

    /// <summary>The number of rows; each data set has its own default.</summary>
    public int Rows { get; init; }

    /// <summary>The seed of every random draw; default 1024.</summary>
    public int Seed { get; init; } = 1024;
}
