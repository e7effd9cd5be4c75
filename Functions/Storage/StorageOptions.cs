using System.ComponentModel.DataAnnotations;

namespace Sift.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Data directory of the embedded store and queues (standalone mode).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "./.sift";

    public string FullPath => System.IO.Path.GetFullPath(Path);
}
