@main enum Devlog { static func main() {} }
