using Marten;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace NewsPlatform.Articles.Photos;

/// <summary>
/// The bytes of every photo — the original and its renditions — in a plain table of the Articles database, not
/// in a Marten document (20 MB as base64 JSON costs a third more and is parsed on every read) nor on a local
/// disk (each replica would have its own). So every replica serves the same bytes, one backup holds the photos
/// with the articles that show them, and a photo's event and its bytes commit together or not at all.
/// </summary>
public static class PhotoFiles
{
    public const string Table = "photo_files";

    /// <summary>The uploaded file as it came, EXIF and all: kept, never served.</summary>
    public const string Original = "original";

    public static Table Schema()
    {
        var table = new Table(Table);
        table.AddColumn<Guid>("photo_id").AsPrimaryKey();
        table.AddColumn<string>("name").AsPrimaryKey();
        table.AddColumn<string>("content_type").NotNull();
        table.AddColumn<int>("width").NotNull();
        table.AddColumn<int>("height").NotNull();
        table.AddColumn("bytes", "bytea").NotNull();
        return table;
    }

    /// <summary>Adds a file to the session's unit of work: written by its <c>SaveChangesAsync</c>, in the transaction of the events.</summary>
    public static void Queue(IDocumentSession session, Guid photoId, string name, string contentType, int width, int height, byte[] bytes) =>
        session.QueueSqlCommand(
            $"insert into {Table} (photo_id, name, content_type, width, height, bytes) values (?, ?, ?, ?, ?, ?)",
            photoId, name, contentType, width, height, bytes);

    /// <summary>A rendition's type and bytes, or null if the photo or the rendition does not exist. The original is not among them.</summary>
    public static async Task<StoredPhotoFile?> ReadRenditionAsync(IDocumentStore store, Guid photoId, string name, CancellationToken cancellationToken)
    {
        if (name == Original) return null;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand($"select content_type, bytes from {Table} where photo_id = $1 and name = $2 and name <> $3", connection)
        {
            Parameters = { new() { Value = photoId }, new() { Value = name }, new() { Value = Original } },
        };
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredPhotoFile(reader.GetString(0), (byte[])reader[1]) : null;
    }
}

/// <summary>One file of a photo as the table holds it.</summary>
public sealed record StoredPhotoFile(string ContentType, byte[] Bytes);
