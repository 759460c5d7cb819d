<?php

declare(strict_types=1);

final class Guestbook
{
    private PDO $db;

    public function __construct(string $path)
    {
        $this->db = new PDO('sqlite:' . $path);
        $this->db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
        $this->db->exec('CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, name TEXT NOT NULL, message TEXT NOT NULL, created_at TEXT NOT NULL)');
    }

    public function sign(string $name, string $message): int
    {
        $name = trim($name);
        $message = trim($message);
        if ($name === '' || $message === '') {
            throw new InvalidArgumentException('name and message are required');
        }
        $insert = $this->db->prepare('INSERT INTO entries (name, message, created_at) VALUES (?, ?, ?)');
        $insert->execute([mb_substr($name, 0, 80), mb_substr($message, 0, 500), gmdate('c')]);
        return (int) $this->db->lastInsertId();
    }

    /** @return list<array{name: string, message: string, created_at: string}> */
    public function latest(int $limit = 20): array
    {
        $select = $this->db->prepare('SELECT name, message, created_at FROM entries ORDER BY id DESC LIMIT ?');
        $select->execute([$limit]);
        return $select->fetchAll(PDO::FETCH_ASSOC);
    }
}
