import Testing
@testable import Zhuti

@Suite struct VectorizeOptionsTests {
    private func message(_ options: VectorizerOptions) -> String? {
        do {
            _ = try options.validated()
            return nil
        } catch let error as ZhutiError {
            #expect(error.kind == .badOption)
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func defaultsAreValid() throws {
        #expect(try VectorizerOptions().validated() == VectorizerOptions())
        #expect(message(VectorizerOptions(minN: 2, maxN: 5, minDF: 1, maxDF: 1, maxTerms: nil)) == nil)
    }

    @Test func absurdOptionsAreRefusedWithTheOptionNamed() {
        #expect(message(VectorizerOptions(minN: 3, maxN: 1)) == "ngrams 3-1: the lower bound exceeds the upper")
        #expect(message(VectorizerOptions(minN: 0, maxN: 3)) == "ngrams 0-3: the lower bound must be at least 1")
        #expect(message(VectorizerOptions(minN: 1, maxN: 6)) == "ngrams 1-6: n-grams longer than 5 are not supported")
        #expect(message(VectorizerOptions(minDF: 0)) == "min-df 0: must be at least 1 document")
        #expect(message(VectorizerOptions(maxDF: 0)) == "max-df 0.0: must be a fraction of the documents in (0, 1]")
        #expect(message(VectorizerOptions(maxDF: 1.5)) == "max-df 1.5: must be a fraction of the documents in (0, 1]")
        #expect(message(VectorizerOptions(maxDF: .nan)) != nil)
        #expect(message(VectorizerOptions(maxTerms: 0)) == "max-terms 0: must be at least 1")
    }

    @Test func fitRefusesBadOptions() {
        #expect(throws: ZhutiError.self) {
            _ = try TfidfVectorizer.fit(InMemoryDocuments(["中国"]), options: VectorizerOptions(minN: 3, maxN: 1))
        }
    }

    @Test func optionsRoundTripThroughJSON() throws {
        let options = VectorizerOptions(minN: 2, maxN: 4, minDF: 3, maxDF: 0.25, maxTerms: nil)
        let data = try JSONEncoder().encode(options)
        #expect(try JSONDecoder().decode(VectorizerOptions.self, from: data) == options)
    }
}

import Foundation
