namespace RecSharp.Application.Distributed;

/// <summary>The rows of a rank whose job divides a sharded source by files (see <see cref="RankFiles"/>).</summary>
/// <param name="Train">The positions of the rank's rows in the training table.</param>
/// <param name="Validation">The positions of the rank's rows in the validation table.</param>
/// <param name="Test">The positions of the rank's rows in the test table.</param>
/// <param name="Files">The number of files the ranks divide.</param>
/// <param name="RowsRead">The rows this rank read (every file's on rank 0, its own files' elsewhere).</param>
internal sealed record RankRows(int[] Train, int[] Validation, int[] Test, int Files, int RowsRead);
