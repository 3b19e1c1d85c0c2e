namespace RecSharp.Data.Tables;

/// <summary>Copies selected rows of the column array shapes a table holds.</summary>
internal static class ArraySlicing
{
    public static Array Rows(Array column, int[] rowIndices) => column switch
    {
        int[] ids => Pick(ids, rowIndices),
        float[] values => Pick(values, rowIndices),
        double[] values => Pick(values, rowIndices),
        string?[] values => Pick(values, rowIndices),
        int[,] matrix => Pick(matrix, rowIndices),
        float[,] matrix => Pick(matrix, rowIndices),
        double[,] matrix => Pick(matrix, rowIndices),
        _ => throw new NotSupportedException($"Column arrays of type {column.GetType().Name} are not supported."),
    };

    public static int RowCount(Array column) => column.Rank == 1 ? column.Length : column.GetLength(0);

    public static T[] Pick<T>(T[] source, int[] rowIndices)
    {
        var result = new T[rowIndices.Length];
        for (var i = 0; i < rowIndices.Length; i++)
        {
            result[i] = source[rowIndices[i]];
        }

        return result;
    }

    public static T[,] Pick<T>(T[,] source, int[] rowIndices)
    {
        var width = source.GetLength(1);
        var result = new T[rowIndices.Length, width];
        for (var i = 0; i < rowIndices.Length; i++)
        {
            var row = rowIndices[i];
            for (var j = 0; j < width; j++)
            {
                result[i, j] = source[row, j];
            }
        }

        return result;
    }
}
