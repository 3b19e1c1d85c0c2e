namespace RecSharp.Serving.Http;

/// <summary>A request's rows within the scores of the batch that carried them.</summary>
/// <param name="Scores">The batch's scores, rows × tasks.</param>
/// <param name="Offset">The request's first row in <paramref name="Scores"/>.</param>
/// <param name="Rows">The request's number of rows.</param>
internal readonly record struct ScoredRows(double[,] Scores, int Offset, int Rows);
