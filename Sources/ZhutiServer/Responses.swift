import Foundation
import Hummingbird
import Zhuti

/// Response builders: JSON (as the CLI's `--format json`), text resources, streamed files.
enum Responses {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text + "\n", contentType: "application/json; charset=utf-8", status: status)
    }

    static func json(buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    static func json<T: Encodable>(encoding value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        json(try JSONOutput.encode(value), status: status)
    }

    static func body(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Streams a finished temporary file in 1 MB pieces and deletes it afterwards, so a large
    /// graph export is never held in memory whole.
    static func streamingFile(at path: String, contentType: String, downloadName: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentDisposition] = "attachment; filename=\"\(downloadName)\""
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ZhutiError(.io, "cannot read the exported graph", file: path)
            }
            defer { try? handle.close() }
            while true {
                let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
                if chunk.isEmpty { break }
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
