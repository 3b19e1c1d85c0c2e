namespace RecSharp.Tests.Shared;

/// <summary>
/// Assertions on <c>(rows, tasks)</c> matrices of scores. Compiled into each test project that compares them.
/// </summary>
internal static class MatrixAssert
{
    /// <summary>Asserts equal shapes and every element within <paramref name="tolerance"/>, naming the first that is
    /// not.</summary>
    public static void Close(double[,] expected, double[,] actual, double tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= tolerance,
                    $"row {i}, task {j}: expected {expected[i, j]}, got {actual[i, j]}");
            }
        }
    }
}
