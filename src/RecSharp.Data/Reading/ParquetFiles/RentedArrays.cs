using System.Buffers;
using System.Runtime.CompilerServices;

namespace RecSharp.Data.Reading.ParquetFiles;

/// <summary>
/// The arrays a <see cref="ParquetSource"/> decodes one row group into, rented from <see cref="ArrayPool{T}.Shared"/>
/// and given back all together before the next row group is read (and when the file is closed), so that row groups
/// of one size, in one file or the next, cycle through the same arrays instead of allocating new ones. A rented array
/// may be longer than asked for; entries past the row group's rows are not used.
/// </summary>
internal sealed class RentedArrays : IDisposable
{
    private readonly List<Action> returns = [];

    /// <summary>An array of at least <paramref name="length"/> entries, valid until <see cref="ReturnAll"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="length">The entries needed.</param>
    public T[] Rent<T>(int length)
    {
        var array = ArrayPool<T>.Shared.Rent(length);
        returns.Add(() => ArrayPool<T>.Shared.Return(array, RuntimeHelpers.IsReferenceOrContainsReferences<T>()));
        return array;
    }

    /// <summary>Gives back every array rented since the last call; they must no longer be used.</summary>
    public void ReturnAll()
    {
        foreach (var giveBack in returns)
        {
            giveBack();
        }

        returns.Clear();
    }

    /// <inheritdoc />
    public void Dispose() => ReturnAll();
}
