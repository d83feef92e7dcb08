using System.Runtime.InteropServices;

namespace LrCluster.Training.Torch;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lrcTensor_fromFloats(float* data, long* shape, int ndim, string device, out TensorHandle tensor);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lrcTensor_fromLongs(long* data, long* shape, int ndim, string device, out TensorHandle tensor);

    [LibraryImport(Library)]
    internal static partial int lrcTensor_dim(TensorHandle tensor, out int dimOut);

    [LibraryImport(Library)]
    internal static partial int lrcTensor_size(TensorHandle tensor, int dim, out long sizeOut);

    [LibraryImport(Library)]
    internal static partial void lrcTensor_dispose(IntPtr tensor);
}
