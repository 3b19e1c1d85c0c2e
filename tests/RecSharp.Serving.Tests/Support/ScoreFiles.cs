using System.Globalization;
using RecSharp.Tests.Shared;

namespace RecSharp.Serving.Tests.Support;

/// <summary>The scores <c>recsharp predict</c> writes.</summary>
public static class ScoreFiles
{
    /// <summary>
    /// Scores <paramref name="data"/> with <c>recsharp predict</c> and reads its output: rows × tasks, in file order
    /// (the first column of each line is its input line, then one column per task).
    /// </summary>
    public static double[,] Predict(string run, string data)
    {
        string path = Path.Combine(Path.GetDirectoryName(data)!, $"scores-{Guid.NewGuid():N}.csv");
        TrainedRuns.Cli("predict", "--model", run, "--data", data, "--out", path);
        var lines = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToArray();
        File.Delete(path);
        var scores = new double[lines.Length, lines[0].Length - 1];
        for (int i = 0; i < lines.Length; i++)
        {
            for (int t = 1; t < lines[i].Length; t++)
                scores[i, t - 1] = double.Parse(lines[i][t], CultureInfo.InvariantCulture);
        }
        return scores;
    }

    /// <summary>Row <paramref name="row"/> of <paramref name="scores"/>, as a one-row table.</summary>
    public static double[,] Row(double[,] scores, int row)
    {
        var one = new double[1, scores.GetLength(1)];
        for (int t = 0; t < scores.GetLength(1); t++) one[0, t] = scores[row, t];
        return one;
    }

    /// <summary>Asserts that every score is within <paramref name="tolerance"/> of the expected one.</summary>
    public static void AssertClose(double[,] expected, double[,] actual, double tolerance) =>
        MatrixAssert.Close(expected, actual, tolerance);
}
