// Notes are markdown files under one root folder; an id is the file's path relative to it, without ".md".
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
export class NoteFolder {
    root;
    constructor(root) {
        this.root = root;
    }
    path(id) {
        const full = resolve(this.root, `${id}.md`);
        if (!full.startsWith(resolve(this.root)))
            throw new Error("note id outside the notes folder");
        return full;
    }
    async list(folder, limit) {
        const dir = resolve(this.root, folder);
        const names = (await readdir(dir)).filter((n) => n.endsWith(".md"));
        const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n))).mtimeMs })));
        return dated.sort((a, b) => b.t - a.t).slice(0, limit).map((d) => d.n.replace(/\.md$/, ""));
    }
    read(id) {
        return readFile(this.path(id), "utf8");
    }
    async search(query) {
        const ids = await this.list("", 10_000);
        const bodies = await Promise.all(ids.map(async (id) => [id, await this.read(id)]));
        return bodies.filter(([, body]) => body.toLowerCase().includes(query.toLowerCase())).map(([id]) => id);
    }
    async create(title, body) {
        const id = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
        await mkdir(this.root, { recursive: true });
        await writeFile(this.path(id), `# ${title}\n\n${body}\n`, { flag: "wx" });
        return id;
    }
    async update(id, body) {
        await writeFile(this.path(id), body);
        return id;
    }
    async remove(id) {
        await rm(this.path(id));
        return id;
    }
}
