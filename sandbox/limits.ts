/**
 * Every size and time bound the sandbox puts on what it is sent, in one place. Each one is decided in the
 * transport layer, before a body is parsed or a request forwarded. Where AWS documents a limit the sandbox
 * uses AWS's number; where the sandbox chooses one, it says so (and why it is stricter than AWS).
 */

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Request line plus headers on the AWS endpoint. S3 User Guide, "Working with object metadata": "The PUT
 * request header is limited to 8 KB in size." S3 answers more with 400 `RequestHeaderSectionTooLarge`.
 * Node's `maxHeaderSize` counts the request line too, so this also bounds URLs and query strings.
 */
export const MAX_AWS_HEADER_BYTES = 8 * KiB;

/**
 * User-defined metadata (`x-amz-meta-*`), same page: "Within the PUT request header, the user-defined
 * metadata is limited to 2 KB in size. The size of user-defined metadata is measured by taking the sum of
 * the number of bytes in the UTF-8 encoding of each key and value." (`MetadataTooLarge`).
 */
export const MAX_S3_METADATA_BYTES = 2 * KiB;

// An object key's 1,024 bytes (`KeyTooLongError`) are S3's own rule, checked by the request mapping
// (src/lib/iam/request/s3-request.ts, MAX_S3_KEY_BYTES).

/**
 * S3 object data (PutObject, UploadPart bodies, aws-chunked streams). A sandbox choice, far below S3's
 * 5 GiB for one PUT (S3 User Guide, "Uploading objects"): large enough for any multipart part (5 MiB to
 * 5 GiB, so a client must pick parts of at most this size) and for the game's saves, small enough that a
 * body held in memory cannot exhaust the process. Answered with S3's `EntityTooLarge`.
 */
export const MAX_S3_OBJECT_BYTES = 64 * MiB;

/**
 * Every other request body: STS Query forms, DynamoDB JSON, S3 XML. A sandbox choice. Stricter than
 * DynamoDB, which takes up to 16 MB in one BatchWriteItem and 4 MB in one TransactWriteItems (API
 * Reference), but it holds the largest item DynamoDB allows (400 KB) with room to spare, and an STS call
 * carries at most a 20,000-character token and a 2,048-character policy.
 */
export const MAX_REQUEST_BODY_BYTES = 1 * MiB;

/**
 * JWTs: STS `AssumeRoleWithWebIdentity` takes a `WebIdentityToken` of 4 to 20,000 characters (API
 * Reference). The identity providers take no body or URL that could hold a longer one.
 */
export const MAX_JWT_CHARS = 20_000;

/**
 * Request line plus headers at the identity providers: a sandbox choice, Node's default. Wider than the
 * AWS endpoint's 8 KiB because a browser sends them its cookies, and cookies are shared by every port of
 * `localhost`, so other local apps' cookies count against it too.
 */
export const MAX_IDP_HEADER_BYTES = 16 * KiB;

/**
 * A body at the identity providers (the login form, token and revocation requests): a sandbox choice,
 * under `MAX_JWT_CHARS`, so no body they parse can carry an over-long token. oidc-provider's own reader
 * stops at 56 KiB; this is checked first, from `Content-Length`.
 */
export const MAX_IDP_BODY_BYTES = 16 * KiB;

/**
 * Time for a client to send all its headers, and its whole request. Sandbox choices (Node's defaults are 60
 * s and 5 min): a connection that trickles its request (slowloris) is closed, while a 64 MiB upload on
 * loopback takes well under a second. S3 closes an idle upload after about 20 s with `RequestTimeout`.
 */
export const HEADERS_TIMEOUT_MS = 20_000;
export const REQUEST_TIMEOUT_MS = 120_000;

/**
 * How long the rest of a refused body is read and dropped before the connection is closed (a sandbox
 * choice, nginx's `lingering_timeout` of 5 s): long enough for a client sending a body over a limit to
 * read the answer, short enough that an endless body cannot hold the connection.
 */
export const LINGER_MS = 5_000;

/**
 * The trailing headers of an `aws-chunked` body (its checksum and, when signed, the trailer signature): a
 * sandbox choice, the same 8 KiB as the request's header section (`MAX_AWS_HEADER_BYTES`), since S3 reads
 * them as headers. One checksum trailer with its signature takes under 200 bytes.
 */
export const MAX_S3_TRAILER_BYTES = 8 * KiB;

/**
 * Multipart uploads, S3 User Guide, "Amazon S3 multipart upload limits": part numbers 1 to 10,000; every
 * part but the last at least 5 MiB (`EntityTooSmall` at CompleteMultipartUpload). A sandbox choice on top:
 * at most 1,000 uploads in progress at once, and an object assembled from parts is at most
 * `MAX_S3_OBJECT_BYTES` × 4 (256 MiB) — the store holds objects in memory.
 */
export const MAX_S3_PART_NUMBER = 10_000;
export const MIN_S3_PART_BYTES = 5 * MiB;
export const MAX_S3_UPLOADS_IN_PROGRESS = 1000;
export const MAX_S3_ASSEMBLED_OBJECT_BYTES = 4 * MAX_S3_OBJECT_BYTES;
