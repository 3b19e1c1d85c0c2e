using static RecSharp.Persistence.SafeTensors.SafeTensorsText;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Checks declared tensors against the data section: sizes match shapes, ranges stay in bounds,
/// and the ranges tile the data section exactly, with no overlap, gap or trailing bytes.
/// </summary>
internal static class SafeTensorsLayout
{
    /// <summary>
    /// Validates the layout and returns the tensors ordered by their position in the data section.
    /// Nothing is allocated in proportion to the declared sizes.
    /// </summary>
    public static IReadOnlyList<TensorHeader> Validate(IReadOnlyList<TensorHeader> tensors, long dataLength)
    {
        foreach (TensorHeader tensor in tensors)
        {
            CheckSize(tensor, dataLength);
        }

        foreach (TensorHeader tensor in tensors)
        {
            if (tensor.Begin > dataLength)
            {
                throw Fail($"Tensor {tensor.Quoted} data_offsets {tensor.Offsets} start past the end of the "
                    + $"{dataLength}-byte data section; the file is truncated or its header is corrupt.");
            }
        }

        TensorHeader[] ordered = [.. tensors.OrderBy(t => t.Begin).ThenBy(t => t.End)];
        long covered = CheckContiguous(ordered);
        if (covered > dataLength)
        {
            throw Fail($"File is truncated: the header declares {covered} bytes of tensor data, "
                + $"but only {dataLength} bytes follow the header.");
        }

        if (covered < dataLength)
        {
            throw Fail(
                $"Data section has {dataLength - covered} trailing bytes: the tensors cover bytes [0, {covered}), "
                + $"but {dataLength} bytes follow the header.");
        }

        return ordered;
    }

    private static void CheckSize(TensorHeader tensor, long dataLength)
    {
        if (tensor.Begin > tensor.End)
        {
            throw Fail($"Tensor {tensor.Quoted} data_offsets {tensor.Offsets} have begin greater than end.");
        }

        string shape = SafeTensorShape.Format(tensor.Shape);
        string dtype = SafeTensorDTypes.GetName(tensor.DType);
        if (!SafeTensorShape.TryGetByteLength(tensor.Shape, tensor.DType, out long elements, out long bytes))
        {
            throw Fail($"Tensor {tensor.Quoted} shape {shape} of {dtype} is too large: its byte size overflows a " +
                "64-bit integer.");
        }

        if (bytes > dataLength)
        {
            throw Fail($"Tensor {tensor.Quoted} shape {shape} declares {elements} elements of {dtype} ({bytes} bytes), "
                + $"more than the whole {dataLength}-byte data section; the file is truncated or its header is " +
                    "corrupt.");
        }

        long span = tensor.End - tensor.Begin;
        if (bytes != span)
        {
            throw Fail($"Tensor {tensor.Quoted} shape {shape} of {dtype} needs {bytes} bytes, "
                + $"but data_offsets {tensor.Offsets} span {span} bytes.");
        }
    }

    /// <summary>Checks that the ordered ranges follow each other exactly from 0 and returns where they end.</summary>
    private static long CheckContiguous(TensorHeader[] ordered)
    {
        long cursor = 0;
        TensorHeader? previous = null;
        foreach (TensorHeader tensor in ordered)
        {
            if (tensor.Begin < cursor)
            {
                throw Fail($"Tensor {tensor.Quoted} data_offsets {tensor.Offsets} overlap "
                    + $"tensor {previous!.Quoted} data_offsets {previous.Offsets}.");
            }

            if (tensor.Begin > cursor)
            {
                string before = previous is null ? "the start of the data section" : $"tensor {previous.Quoted}";
                throw Fail($"Data section has a gap: bytes [{cursor}, {tensor.Begin}) between {before} "
                    + $"and tensor {tensor.Quoted} belong to no tensor.");
            }

            cursor = tensor.End;
            previous = tensor;
        }

        return cursor;
    }
}
